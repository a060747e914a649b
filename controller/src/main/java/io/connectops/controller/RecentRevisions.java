package io.connectops.controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The revisions the controller saw lately (id, message, author, time), oldest first, at most 32: for /status. */
final class RecentRevisions {
    private static final int KEPT = 32;

    private final Map<String, ControllerStatus.RevisionInfo> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ControllerStatus.RevisionInfo> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void add(DesiredSource.Revision revision) {
        seen.put(revision.sha(), new ControllerStatus.RevisionInfo(revision.sha(), revision.message(), revision.author(), revision.time()));
    }

    synchronized List<ControllerStatus.RevisionInfo> all() {
        return List.copyOf(seen.values());
    }
}
