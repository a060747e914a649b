package io.connectops.plan;

import java.util.List;

/**
 * The plan for one Kafka cluster. {@code error} is set when the cluster could not be read at all (it then
 * has no changes); {@code problems} are parts that could not be read (ACLs, users, the ownership record),
 * whose resources are left alone while the rest goes on.
 *
 * @param owner            the owner id its claims are made under
 * @param unmanaged        live resources neither declared nor connectops': left alone
 * @param ownershipUnknown live resources not declared whose ownership is unknown: a prune refuses them
 * @param staleClaims      claims for resources that are gone, released by apply
 */
public record KafkaPlan(String cluster, String bootstrapServers, String clusterId, String owner, List<KafkaChange> changes, List<String> unmanaged,
                        List<String> ownershipUnknown, List<String> staleClaims, List<String> problems, int ownedCount,
                        String liveFingerprint, String error) {
    public KafkaPlan {
        changes = List.copyOf(changes);
        unmanaged = List.copyOf(unmanaged);
        ownershipUnknown = List.copyOf(ownershipUnknown);
        staleClaims = List.copyOf(staleClaims);
        problems = List.copyOf(problems);
    }

    public static KafkaPlan unreachable(String cluster, String bootstrapServers, String error) {
        return new KafkaPlan(cluster, bootstrapServers, null, null, List.of(), List.of(), List.of(), List.of(), List.of(), 0, null, error);
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    public long unchanged() {
        return changes.stream().filter(c -> c.action() == Action.NONE && c.source() != null).count();
    }

    public long leftForPrune() {
        return changes.stream().filter(c -> c.action() == Action.NONE && c.source() == null && c.owner().ours()).count();
    }

    public boolean pruneRefused(boolean prune) {
        return prune && !ownershipUnknown.isEmpty();
    }
}
