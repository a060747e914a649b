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

    public ClaimOwners(KafkaLive live, String ownerId) {
        this.live = live;
        this.ownerId = ownerId;
    }

    public Owner of(String resource) {
        if (live.claims() == null) {
            return Owner.unknown(live.claimsProblem());
        }
        List<ResourceClaims.Claim> claims = live.claims().getOrDefault(resource, List.of());
        for (ResourceClaims.Claim claim : claims) {
            if (claim.kafkaClusterId().equals(live.clusterId())) {
                return claim.owner().equals(ownerId) ? Owner.CONNECTOPS : Owner.other(claim.owner());
            }
        }
        if (!claims.isEmpty()) {
            return Owner.unknown("recorded for another Kafka cluster id (" + claims.get(0).kafkaClusterId() + ", this one is "
                    + live.clusterId() + "): a copied or mirrored ownership topic");
        }
        return Owner.NONE;
    }

    public Map<String, String> attributes(String resource) {
        if (live.claims() == null) {
            return Map.of();
        }
        return live.claims().getOrDefault(resource, List.of()).stream().filter(c -> c.kafkaClusterId().equals(live.clusterId())
                && c.owner().equals(ownerId)).findFirst().map(ResourceClaims.Claim::attributes).orElse(Map.of());
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
