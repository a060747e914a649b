package io.connectops.kinds.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.connectops.kafka.KafkaLive;
import io.connectops.kafka.ResourceClaims;
import io.connectops.model.SourceLocation;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.ClaimOwners;
import io.connectops.plan.PlanPart;
import org.junit.jupiter.api.Test;

/** The quota planner's rules in milliseconds, on hand-made live state and claims (the end-to-end cases run on a broker). */
class ClientQuotasRulesTest {
    static final ClientQuotas KIND = new ClientQuotas();

    static ClientQuotaSpec spec(Map<String, String> entity, Map<String, Double> quotas) {
        return new ClientQuotaSpec(entity, quotas, null, false, new SourceLocation("q.yaml", 3, 1));
    }

    static ClientQuotas.Live live(Map<String, Map<String, Double>> byUser) {
        Map<String, Map<String, String>> entities = new java.util.HashMap<>();
        Map<String, Map<String, Double>> quotas = new java.util.HashMap<>();
        byUser.forEach((user, values) -> {
            String key = ClientQuotaSpec.entityKey(Map.of("user", user));
            entities.put(key, Map.of("user", user));
            quotas.put(key, values);
        });
        return new ClientQuotas.Live(entities, quotas);
    }

    /** Claims on cluster id "c1": resource key to owner id. */
    static ClaimOwners claims(Map<String, String> owners) {
        Map<String, List<ResourceClaims.Claim>> claimed = new java.util.HashMap<>();
        owners.forEach((resource, owner) -> claimed.put(resource, List.of(new ResourceClaims.Claim("c1", resource, owner, Map.of(),
                Instant.EPOCH))));
        KafkaLive live = new KafkaLive("c1", new TreeSet<>(), Map.of(), Map.of(), Map.of(), null, Map.of(), null, claimed, null);
        return new ClaimOwners(live, "me");
    }

    static Change change(PlanPart part, String name) {
        return part.changes().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(part.changes()));
    }

    @Test
    void aQuotaIsMadeEqualToItsDeclarationAndALeftOutOneIsRemoved() {
        PlanPart part = KIND.plan("k", List.of(spec(Map.of("user", "app"), Map.of("producer_byte_rate", 100.0))),
                live(Map.of("app", Map.of("producer_byte_rate", 1.0, "consumer_byte_rate", 5.0))), claims(Map.of("clientquota/user=app", "me")),
                false);
        Change change = change(part, "user=app");
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("consumer_byte_rate", "producer_byte_rate"), change.keyChanges().stream().map(k -> k.key()).toList());
        assertEquals("5", change.keyChanges().get(0).before());
        assertEquals(null, change.keyChanges().get(0).after(), "removed");
    }

    @Test
    void onlyClaimedQuotasArePrunedAndOnlyWithPrune() {
        ClientQuotas.Live live = live(Map.of("ours", Map.of("request_percentage", 10.0), "hand", Map.of("request_percentage", 20.0),
                "theirs", Map.of("request_percentage", 30.0)));
        ClaimOwners owners = claims(Map.of("clientquota/user=ours", "me", "clientquota/user=theirs", "team-b"));
        PlanPart kept = KIND.plan("k", List.of(), live, owners, false);
        assertEquals(Action.NONE, change(kept, "user=ours").action());
        PlanPart pruned = KIND.plan("k", List.of(), live, owners, true);
        assertEquals(Action.DELETE, change(pruned, "user=ours").action());
        assertEquals(List.of("clientquota/user=hand", "clientquota/user=theirs"), pruned.unmanaged());
        assertEquals(1, pruned.ownedCount());
    }

    @Test
    void anotherOwnersQuotaIsLeftAloneEvenWhenDeclaredAndAStaleClaimIsReleased() {
        PlanPart part = KIND.plan("k", List.of(spec(Map.of("user", "theirs"), Map.of("consumer_byte_rate", 1.0))),
                live(Map.of("theirs", Map.of("consumer_byte_rate", 9.0))),
                claims(Map.of("clientquota/user=theirs", "team-b", "clientquota/user=gone", "me")), false);
        Change change = change(part, "user=theirs");
        assertEquals(Action.NONE, change.action());
        assertTrue(change.leftAlone() && change.note().contains("team-b"), change.note());
        assertEquals(List.of("clientquota/user=gone"), part.staleClaims());
    }

    @Test
    void theDefaultEntityAndBothPartsHaveStableNames() {
        java.util.Map<String, String> defaults = new java.util.HashMap<>();
        defaults.put("user", null);
        assertEquals("user=<default>", ClientQuotaSpec.entityKey(defaults));
        assertEquals("user=a,client-id=b", ClientQuotaSpec.entityKey(Map.of("client-id", "b", "user", "a")));
        Set<String> present = live(Map.of("a", Map.of("producer_byte_rate", 1.0))).present();
        assertEquals(Set.of("clientquota/user=a"), present);
    }
}
