package io.connectops.plan;

import java.net.URI;
import java.util.List;

/**
 * The plan for one Connect cluster. {@code error} is set when the cluster could not be read; such a
 * cluster has no changes and does not stop the others.
 *
 * @param liveFingerprint  a digest of the live state the plan was computed against, so a saved plan
 *                         is refused when the cluster moved since
 * @param unmanaged        live connectors connectops does not own and that are not declared: left alone
 * @param ownedCount       how many live connectors connectops owned when planning (the base of the prune guard)
 * @param ownershipProblem why ownership could not be established for some connectors, or null
 * @param ownershipUnknown live connectors, not declared, whose ownership is unknown: a prune refuses them
 * @param staleClaims      recorded claims for connectors that are gone: released by apply
 */
public record ClusterPlan(String cluster, List<URI> urls, List<ConnectorChange> changes, List<String> unmanaged,
                          String liveFingerprint, boolean bulkReadFallback, int ownedCount, String error,
                          String ownershipProblem, List<String> ownershipUnknown, List<String> staleClaims) {
    public ClusterPlan {
        changes = List.copyOf(changes);
        unmanaged = List.copyOf(unmanaged);
        ownershipUnknown = List.copyOf(ownershipUnknown);
        staleClaims = List.copyOf(staleClaims);
    }

    public static ClusterPlan unreachable(String cluster, List<URI> urls, String error) {
        return builder(cluster, urls).error(error).build();
    }

    public static Builder builder(String cluster, List<URI> urls) {
        return new Builder(cluster, urls);
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** Declared connectors that need no call (not those left alone because another connectops owns them). */
    public long unchanged() {
        return changes.stream().filter(c -> c.action() == Action.NONE && c.source() != null
                && c.owner().kind() != io.connectops.ownership.Owner.Kind.OTHER).count();
    }

    /** Connectors connectops leaves alone because it does not manage them: undeclared ones, and declared ones another owner has. */
    public long notManaged() {
        return unmanaged.size() + changes.stream().filter(c -> c.action() == Action.NONE && c.source() != null
                && c.owner().kind() == io.connectops.ownership.Owner.Kind.OTHER).count();
    }

    /** Owned connectors no longer declared, left because the plan does not prune. */
    public long leftForPrune() {
        return changes.stream().filter(c -> c.action() == Action.NONE && c.source() == null && c.owned()).count();
    }

    /** A prune was asked for, and some connectors it might delete cannot be told apart as ours: it is refused. */
    public boolean pruneRefused(boolean prune) {
        return prune && !ownershipUnknown.isEmpty();
    }

    /** The parts of a cluster plan, by name. */
    public static final class Builder {
        private final String cluster;
        private final List<URI> urls;
        private List<ConnectorChange> changes = List.of();
        private List<String> unmanaged = List.of();
        private String liveFingerprint;
        private boolean bulkReadFallback;
        private int ownedCount;
        private String error;
        private String ownershipProblem;
        private List<String> ownershipUnknown = List.of();
        private List<String> staleClaims = List.of();

        private Builder(String cluster, List<URI> urls) {
            this.cluster = cluster;
            this.urls = urls;
        }

        public Builder changes(List<ConnectorChange> changes) {
            this.changes = changes;
            return this;
        }

        public Builder unmanaged(List<String> unmanaged) {
            this.unmanaged = unmanaged;
            return this;
        }

        public Builder liveFingerprint(String liveFingerprint) {
            this.liveFingerprint = liveFingerprint;
            return this;
        }

        public Builder bulkReadFallback(boolean bulkReadFallback) {
            this.bulkReadFallback = bulkReadFallback;
            return this;
        }

        public Builder ownedCount(int ownedCount) {
            this.ownedCount = ownedCount;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder ownershipProblem(String ownershipProblem) {
            this.ownershipProblem = ownershipProblem;
            return this;
        }

        public Builder ownershipUnknown(List<String> ownershipUnknown) {
            this.ownershipUnknown = ownershipUnknown;
            return this;
        }

        public Builder staleClaims(List<String> staleClaims) {
            this.staleClaims = staleClaims;
            return this;
        }

        public ClusterPlan build() {
            return new ClusterPlan(cluster, urls, changes, unmanaged, liveFingerprint, bulkReadFallback, ownedCount, error,
                    ownershipProblem, ownershipUnknown, staleClaims);
        }
    }
}
