package io.connectops.plan;

import java.net.URI;
import java.util.List;

/**
 * The plan for one Connect cluster. {@code error} is set when the cluster could not be read; such a
 * cluster has no changes and does not stop the others.
 *
 * @param liveFingerprint a digest of the live state the plan was computed against, so a saved plan
 *                        is refused when the cluster moved since
 * @param unmanaged       live connectors connectops does not own and that are not declared: left alone
 * @param ownedCount      how many live connectors connectops owned when planning (the base of the prune guard)
 */
public record ClusterPlan(String cluster, List<URI> urls, List<ConnectorChange> changes, List<String> unmanaged,
                          String liveFingerprint, boolean bulkReadFallback, int ownedCount, String error) {
    public ClusterPlan {
        changes = List.copyOf(changes);
        unmanaged = List.copyOf(unmanaged);
    }

    public static ClusterPlan unreachable(String cluster, List<URI> urls, String error) {
        return new ClusterPlan(cluster, urls, List.of(), List.of(), null, false, 0, error);
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
