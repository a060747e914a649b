package io.connectops.plan;

import java.util.List;

import io.connectops.ownership.Owner;

/**
 * The plan for one target (a Connect cluster, a Kafka cluster). {@code error} is set when it could not be read at all:
 * it then has no changes and does not stop the others; {@code problems} are parts that could not be read, whose
 * resources are left alone while the rest goes on.
 *
 * @param addresses        where it is reached (Connect's REST URLs, Kafka's bootstrap servers)
 * @param unmanaged        live resources neither declared nor connectops': left alone
 * @param ownershipUnknown live resources not declared whose owner is unknown: a prune refuses them
 * @param staleClaims      recorded claims for resources that are gone: released by apply
 * @param ownedCount       how many live resources connectops owned when planning (the base of the prune guard)
 * @param liveFingerprint  a digest of what was read, so a saved plan is refused when the target moved since
 * @param ownershipProblem why ownership could not be established for some resources, or null
 * @param bulkReadFallback the bulk read failed and resources were read one by one
 * @param clusterId        the cluster id its claims are bound to, or null
 * @param owner            the owner id its claims are made under, or null
 */
public record TargetPlan(TargetKind kind, String name, List<String> addresses, List<Change> changes, List<String> unmanaged,
                         List<String> ownershipUnknown, List<String> staleClaims, List<String> problems, int ownedCount,
                         String liveFingerprint, String error, String ownershipProblem, boolean bulkReadFallback, String clusterId,
                         String owner) {
    public TargetPlan {
        addresses = List.copyOf(addresses);
        changes = List.copyOf(changes);
        unmanaged = List.copyOf(unmanaged);
        ownershipUnknown = List.copyOf(ownershipUnknown);
        staleClaims = List.copyOf(staleClaims);
        problems = List.copyOf(problems);
    }

    public static TargetPlan unreachable(TargetKind kind, String name, List<String> addresses, String error) {
        return builder(kind, name, addresses).error(error).build();
    }

    public static Builder builder(TargetKind kind, String name, List<String> addresses) {
        return new Builder(kind, name, addresses);
    }

    /** How digests and saved plans know it: {@code connect:local}, {@code kafka:main}. */
    public String key() {
        return kind.key(name);
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** Declared resources that need no call (not those left alone because another owner has them). */
    public long unchanged() {
        return changes.stream().filter(c -> c.action() == Action.NONE && c.source() != null && c.owner().kind() != Owner.Kind.OTHER).count();
    }

    /** Resources left alone because connectops does not manage them: undeclared ones, and declared ones another owner has. */
    public long notManaged() {
        return unmanaged.size() + changes.stream().filter(c -> c.action() == Action.NONE && c.source() != null
                && c.owner().kind() == Owner.Kind.OTHER).count();
    }

    /** Owned resources no longer declared, left because the plan does not prune. */
    public long leftForPrune() {
        return changes.stream().filter(c -> c.action() == Action.NONE && c.source() == null && c.owned()).count();
    }

    /** A prune was asked for, and some resources it might delete cannot be told apart as ours: it is refused. */
    public boolean pruneRefused(boolean prune) {
        return prune && !ownershipUnknown.isEmpty();
    }

    /** It could not be read, a part of it could not be read, or a prune was refused. */
    public boolean hasErrors(boolean prune) {
        return error != null || pruneRefused(prune) || !problems.isEmpty();
    }

    /** This plan with {@code changes} instead of its own (notes added to them). */
    public TargetPlan withChanges(List<Change> changes) {
        return new TargetPlan(kind, name, addresses, changes, unmanaged, ownershipUnknown, staleClaims, problems, ownedCount, liveFingerprint,
                error, ownershipProblem, bulkReadFallback, clusterId, owner);
    }

    /** This plan with what a plug-in kind adds to it (its changes sorted in with the others by kind and name). */
    public TargetPlan plus(PlanPart part) {
        List<Change> all = new java.util.ArrayList<>(changes);
        all.addAll(part.changes());
        all.sort(java.util.Comparator.comparing(Change::kind).thenComparing(Change::name));
        return new TargetPlan(kind, name, addresses, all, concat(unmanaged, part.unmanaged()), concat(ownershipUnknown, part.ownershipUnknown()),
                concat(staleClaims, part.staleClaims()), problems, ownedCount + part.ownedCount(),
                Digests.of(liveFingerprint, part.fingerprint()), error, ownershipProblem, bulkReadFallback, clusterId, owner);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new java.util.ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** The change for one resource name of one kind, if the plan has one. */
    public java.util.Optional<Change> change(String kind, String resourceName) {
        return changes.stream().filter(c -> c.kind().equals(kind) && c.name().equals(resourceName)).findFirst();
    }

    /** The parts of a target plan, by name. */
    public static final class Builder {
        private final TargetKind kind;
        private final String name;
        private final List<String> addresses;
        private List<Change> changes = List.of();
        private List<String> unmanaged = List.of();
        private List<String> ownershipUnknown = List.of();
        private List<String> staleClaims = List.of();
        private List<String> problems = List.of();
        private int ownedCount;
        private String liveFingerprint;
        private String error;
        private String ownershipProblem;
        private boolean bulkReadFallback;
        private String clusterId;
        private String owner;

        private Builder(TargetKind kind, String name, List<String> addresses) {
            this.kind = kind;
            this.name = name;
            this.addresses = addresses;
        }

        public Builder changes(List<Change> changes) {
            this.changes = changes;
            return this;
        }

        public Builder unmanaged(List<String> unmanaged) {
            this.unmanaged = unmanaged;
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

        public Builder problems(List<String> problems) {
            this.problems = problems;
            return this;
        }

        public Builder ownedCount(int ownedCount) {
            this.ownedCount = ownedCount;
            return this;
        }

        public Builder liveFingerprint(String liveFingerprint) {
            this.liveFingerprint = liveFingerprint;
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

        public Builder bulkReadFallback(boolean bulkReadFallback) {
            this.bulkReadFallback = bulkReadFallback;
            return this;
        }

        /** The cluster id and owner id its claims are bound to. */
        public Builder claims(String clusterId, String owner) {
            this.clusterId = clusterId;
            this.owner = owner;
            return this;
        }

        public TargetPlan build() {
            return new TargetPlan(kind, name, addresses, changes, unmanaged, ownershipUnknown, staleClaims, problems, ownedCount,
                    liveFingerprint, error, ownershipProblem, bulkReadFallback, clusterId, owner);
        }
    }
}
