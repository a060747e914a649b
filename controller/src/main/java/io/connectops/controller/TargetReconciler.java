package io.connectops.controller;

import java.util.List;

/**
 * One target's reconcile (a Connect cluster, a Kafka cluster): what the controller's per-target worker
 * runs, one pass at a time, and what {@code /status} reads.
 *
 * @param <T> the target type ({@code Targets.ClusterTarget}, {@code Targets.KafkaTarget})
 */
interface TargetReconciler<T> extends AutoCloseable {
    /**
     * @param newRevision      true when {@code revision} was just accepted: its changes are applied even without self-heal
     * @param onlineValidation false right after the controller validated the revision against this target
     */
    ClusterReconciler.Pass reconcile(T target, String revision, boolean newRevision, boolean onlineValidation);

    List<ResourceStatus> statuses();

    /** What the last pass knew of one resource: declared and live config, the difference (no secret values). */
    default java.util.Optional<ResourceDetail> detail(String resource) {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
