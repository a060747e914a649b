package io.connectops.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.connectops.kafka.KafkaLive;
import io.connectops.kafka.ResourceClaims;
import io.connectops.ownership.Owner;

/**
 * Who owns each Kafka resource, from the claims read with it: this cluster id and owner id (connectops), another owner,
 * unknown (the record unreadable, or a claim made for another cluster id), or nobody. Every Kafka kind asks it.
 */
public final class ClaimOwners {
    private final KafkaLive live;
    private final String ownerId;
    private final String cluster;
    private final io.connectops.model.TeamOwners teams;
    private final Set<String> declared;

    public ClaimOwners(KafkaLive live, String ownerId) {
        this(live, ownerId, "", io.connectops.model.TeamOwners.NONE, Set.of());
    }

    /**
     * With teams (docs/teams.md): a claim of a team this run acts for is ours, unless the resource is declared by
     * someone else (then it stays that team's); the platform's claims are ours only when the run acts for it.
     */
    public ClaimOwners(KafkaLive live, io.connectops.model.Targets.KafkaTarget target) {
        this(live, target.cluster().owner(), target.name(), target.teams(), declared(target));
    }

    private ClaimOwners(KafkaLive live, String ownerId, String cluster, io.connectops.model.TeamOwners teams, Set<String> declared) {
        this.live = live;
        this.ownerId = ownerId;
        this.cluster = cluster;
        this.teams = teams;
        this.declared = declared;
    }

    private static Set<String> declared(io.connectops.model.Targets.KafkaTarget target) {
        Set<String> declared = new java.util.HashSet<>();
        target.topics().forEach(t -> declared.add(ResourceClaims.topic(t.name())));
        target.acls().forEach(a -> declared.add(ResourceClaims.acl(a.principal())));
        target.users().forEach(u -> declared.add(ResourceClaims.user(u.name())));
        return declared;
    }

    /** The owner a resource connectops creates is claimed for: its team, or the cluster's owner id. */
    public Owner creator(String resource) {
        String owner = teams.ownerOf(cluster, resource, ownerId);
        return owner.equals(ownerId) ? Owner.CONNECTOPS : Owner.team(owner);
    }

    public Owner of(String resource) {
        if (live.claims() == null) {
            return Owner.unknown(live.claimsProblem());
        }
        List<ResourceClaims.Claim> claims = live.claims().getOrDefault(resource, List.of());
        for (ResourceClaims.Claim claim : claims) {
            if (claim.kafkaClusterId().equals(live.clusterId())) {
                return owner(resource, claim.owner());
            }
        }
        if (!claims.isEmpty()) {
            return Owner.unknown("recorded for another Kafka cluster id (" + claims.get(0).kafkaClusterId() + ", this one is "
                    + live.clusterId() + "): a copied or mirrored ownership topic");
        }
        return Owner.NONE;
    }

    private Owner owner(String resource, String claimedBy) {
        if (!teams.acts(claimedBy, ownerId)) {
            return Owner.other(claimedBy);
        }
        if (declared.contains(resource) && !teams.ownerOf(cluster, resource, ownerId).equals(claimedBy)) {
            return Owner.other(claimedBy); // declared by another team (or the platform) than the one that made it: left alone
        }
        return claimedBy.equals(ownerId) ? Owner.CONNECTOPS : Owner.team(claimedBy);
    }

    public Map<String, String> attributes(String resource) {
        if (live.claims() == null) {
            return Map.of();
        }
        return live.claims().getOrDefault(resource, List.of()).stream().filter(c -> c.kafkaClusterId().equals(live.clusterId())
                && owner(resource, c.owner()).ours()).findFirst().map(ResourceClaims.Claim::attributes).orElse(Map.of());
    }

    public boolean claimsAny(String prefix) {
        return live.claims() != null && live.claims().keySet().stream().anyMatch(r -> r.startsWith(prefix));
    }

    /** Resources this owner claims on this cluster. */
    public Set<String> ours() {
        Set<String> ours = new TreeSet<>();
        if (live.claims() != null) {
            live.claims().forEach((resource, claims) -> {
                if (of(resource).ours()) {
                    ours.add(resource);
                }
            });
        }
        return ours;
    }
}
