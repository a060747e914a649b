package io.connectops.controller;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /status} answers: the Git side (revisions, last error naming the commit, file and
 * line), the clusters, every declared connector and the recent events.
 */
public record ControllerStatus(String repository, String branch, String path, boolean leader, boolean ready,
                               String lastAppliedRevision, String lastAttemptedRevision, String lastError,
                               Instant lastFetch, String fetchError, List<ClusterState> clusters,
                               List<ResourceStatus> resources, List<Event> events, List<RevisionInfo> revisions) {
    /** A revision the controller has seen: its id, message, author and time (for the dashboard and /status readers). */
    public record RevisionInfo(String sha, String message, String author, Instant time) {
    }

    /** One cluster's last pass. */
    public record ClusterState(String name, Instant lastReconcile, boolean ok, String error) {
    }
}
