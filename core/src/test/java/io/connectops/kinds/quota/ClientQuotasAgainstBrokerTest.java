package io.connectops.kinds.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.connect.RetryPolicy;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;
import io.connectops.devstack.junit.Await;
import io.connectops.engine.Engine;
import io.connectops.kinds.Kinds;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetKind;
import io.connectops.render.Variable;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client quotas, the kind added as a plug-in, on a real embedded broker: declared natively and by a Strimzi KafkaUser,
 * planned, applied in one request, a hand-made change put back, pruned only when connectops' own, another entity's
 * quota and another owner's left alone, and a constant number of Admin requests.
 */
class ClientQuotasAgainstBrokerTest {
    static DevStack stack;
    static Admin kafka;

    String prefix;

    @BeforeAll
    static void start() {
        KafkaLogging.quiet(false);
        stack = DevStack.start(DevStack.Options.scram(0));
        kafka = Admin.create(stack.clientConfig());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void names() {
        prefix = "q" + UUID.randomUUID().toString().substring(0, 6);
    }

    String cluster(String owner) {
        return String.join("\n", "apiVersion: connectops.io/v1alpha1", "kind: KafkaCluster", "metadata: {name: main}", "spec:",
                "  bootstrapServers: " + stack.bootstrapServers(),
                "  sasl: {mechanism: SCRAM-SHA-512, username: admin, password: '{{ kafka.admin.password }}'}",
                "  ownership: {owner: " + owner + "}", "---", "");
    }

    Engine engine(String owner, String yaml) {
        Variables variables = new Variables(Map.of("kafka.admin.password", new Variable("kafka.admin.password", stack.adminPassword(), true,
                new SourceLocation("secrets", 0, 0))), Map.of());
        var declarations = DeclarationLoader.load(List.of(new InputFiles.Input("quotas.yaml", cluster(owner) + yaml)), variables,
                Kinds.readers()).declarations();
        Targets targets = OfflineValidator.resolve(declarations, null, true, null, Map.of());
        return new Engine(targets, RetryPolicy.DEFAULT, new io.connectops.secrets.Redactor());
    }

    record Run(Plan plan, ApplyReport report, long requests) {
    }

    Run apply(String owner, String yaml, boolean prune) {
        try (Engine engine = engine(owner, yaml)) {
            Plan plan = engine.plan(prune, false, 4);
            ApplyReport report = engine.apply(plan, 4, Progress.NONE);
            assertTrue(report.ok(), () -> "apply failed: " + report.failures() + " " + report.clusterErrors());
            return new Run(plan, report, engine.adminRequests());
        }
    }

    Plan plan(String owner, String yaml, boolean prune) {
        try (Engine engine = engine(owner, yaml)) {
            return engine.plan(prune, false, 4);
        }
    }

    long planRequests(String owner, String yaml) {
        try (Engine engine = engine(owner, yaml)) {
            engine.plan(false, false, 4);
            return engine.adminRequests();
        }
    }

    static Change change(Plan plan, String name) {
        return plan.of(TargetKind.KAFKA).get(0).changes().stream().filter(c -> c.kind().equals("ClientQuota") && c.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + plan.of(TargetKind.KAFKA).get(0).changes()));
    }

    static Map<String, Double> quotas(Map<String, String> entity) {
        try {
            return kafka.describeClientQuotas(ClientQuotaFilter.all()).entities().get(10, TimeUnit.SECONDS)
                    .getOrDefault(new ClientQuotaEntity(entity), Map.of());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void setByHand(Map<String, String> entity, String key, Double value) throws Exception {
        kafka.alterClientQuotas(List.of(new ClientQuotaAlteration(new ClientQuotaEntity(entity),
                List.of(new ClientQuotaAlteration.Op(key, value))))).all().get(10, TimeUnit.SECONDS);
    }

    String quota(String name, String spec) {
        return "apiVersion: connectops.io/v1alpha1\nkind: ClientQuota\nmetadata: {name: " + name + "}\nspec: " + spec + "\n---\n";
    }

    @Test
    void quotasArePlannedAppliedPutBackAndPrunedOnlyWhenOurs() throws Exception {
        String app = prefix + "-app";
        String cli = prefix + "-cli";
        String other = prefix + "-other";
        setByHand(Map.of("user", other), "producer_byte_rate", 5.0); // someone else's: never touched
        String strimziUser = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: %s-strimzi, labels: {strimzi.io/cluster: main}}   # quotas only: no SCRAM user, no password file
                spec:
                  quotas: {producerByteRate: 1024, requestPercentage: 25}
                ---
                """.formatted(prefix);
        String both = quota("app", "{user: " + app + ", quotas: {producer_byte_rate: 1048576, consumer_byte_rate: 2097152}}")
                + quota("app-cli", "{user: " + app + ", clientId: " + cli + ", quotas: {request_percentage: 50}}") + strimziUser;

        Run first = apply(prefix, both, false);
        assertEquals(Action.CREATE, change(first.plan(), "user=" + app).action());
        assertEquals(Action.CREATE, change(first.plan(), "user=" + app + ",client-id=" + cli).action());
        assertEquals(Action.CREATE, change(first.plan(), "user=" + prefix + "-strimzi").action());
        assertEquals(Map.of("producer_byte_rate", 1048576.0, "consumer_byte_rate", 2097152.0), quotas(Map.of("user", app)));
        Map<String, String> appCli = new HashMap<>(Map.of("user", app, "client-id", cli));
        assertEquals(Map.of("request_percentage", 50.0), quotas(appCli));
        assertEquals(Map.of("producer_byte_rate", 1024.0, "request_percentage", 25.0), quotas(Map.of("user", prefix + "-strimzi")));

        Plan again = plan(prefix, both, false);
        assertFalse(again.hasChanges(), again.toString());
        assertTrue(again.of(TargetKind.KAFKA).get(0).unmanaged().contains("clientquota/user=" + other), "another entity: not managed");

        // A hand-made change is drift: put back.
        setByHand(Map.of("user", app), "producer_byte_rate", 1.0);
        Await.until("the drift visible", java.time.Duration.ofSeconds(10), () -> Double.valueOf(1.0).equals(quotas(Map.of("user", app))
                .get("producer_byte_rate")));
        Run putBack = apply(prefix, both, false);
        Change drift = change(putBack.plan(), "user=" + app);
        assertEquals(Action.UPDATE, drift.action());
        assertEquals("1", drift.keyChanges().get(0).before());
        assertEquals(1048576.0, quotas(Map.of("user", app)).get("producer_byte_rate"));

        // Removed from the files: kept without prune, removed with it; the other entity's quota never.
        String withoutCli = quota("app", "{user: " + app + ", quotas: {producer_byte_rate: 1048576, consumer_byte_rate: 2097152}}")
                + strimziUser;
        assertEquals(Action.NONE, change(plan(prefix, withoutCli, false), "user=" + app + ",client-id=" + cli).action());
        Run pruned = apply(prefix, withoutCli, true);
        assertEquals(1, pruned.plan().count(Action.DELETE), pruned.plan().toString());
        assertEquals(Map.of(), quotas(appCli));
        assertEquals(Map.of("producer_byte_rate", 5.0), quotas(Map.of("user", other)), "set by hand on another entity: left alone");
    }

    @Test
    void anotherOwnersQuotaIsLeftAloneAndTheRequestCountDoesNotGrowWithTheQuotas() throws Exception {
        String shared = prefix + "-shared";
        apply(prefix + "-a", quota("shared", "{user: " + shared + ", quotas: {consumer_byte_rate: 100}}"), false);
        Plan theirs = plan(prefix + "-b", quota("shared", "{user: " + shared + ", quotas: {consumer_byte_rate: 999}}"), true);
        Change left = change(theirs, "user=" + shared);
        assertEquals(Action.NONE, left.action());
        // status shows a plug-in kind as it shows a topic: from the same plan, with its owner.
        try (Engine engine = engine(prefix + "-a", quota("shared", "{user: " + shared + ", quotas: {consumer_byte_rate: 100}}"))) {
            var rows = engine.sessions(io.connectops.engine.KafkaSession.class).get(0).status(true).rows();
            assertTrue(rows.stream().map(io.connectops.status.KafkaStatusRow.class::cast).anyMatch(r -> r.resource().contains("user=" + shared)
                    && r.sync().equals("Synced") && r.owner().equals("connectops")), rows.toString());
        }
        assertTrue(left.leftAlone() && left.note().contains("owner '" + prefix + "-a'"), left.note());
        Run nothing = apply(prefix + "-b", quota("shared", "{user: " + shared + ", quotas: {consumer_byte_rate: 999}}"), true);
        assertEquals(100.0, quotas(Map.of("user", shared)).get("consumer_byte_rate"), "another owner's quota: not written " + nothing.report());

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            many.append(quota("m" + i, "{user: " + prefix + "-m" + i + ", quotas: {producer_byte_rate: " + (1000 + i) + "}}"));
        }
        long one = planRequests(prefix + "-c", quota("m0", "{user: " + prefix + "-m0, quotas: {producer_byte_rate: 1000}}"));
        long thirty = planRequests(prefix + "-c", many.toString());
        assertEquals(one, thirty, "a plan reads quotas in one request, whatever their number");
        assertEquals(planRequests(prefix + "-c", quota("m0", "{user: " + prefix + "-m0, quotas: {producer_byte_rate: 1000}}")) - 1,
                planRequests(prefix + "-none", ""), "no quota declared or claimed: not one request for them");
    }

    @Test
    void aMistypedQuotaIsAFileLineErrorAndNothingIsWritten() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine(prefix,
                quota("bad", "{user: " + prefix + "-bad, quotas: {producer_byte_rte: 10}}")));
        assertTrue(refused.getMessage().contains("quotas.yaml:") && refused.getMessage().contains("producer_byte_rte")
                && refused.getMessage().contains("producer_byte_rate"), refused.getMessage());
        InvalidInputException noEntity = assertThrows(InvalidInputException.class, () -> engine(prefix, quota("none", "{quotas: {producer_byte_rate: 1}}")));
        assertTrue(noEntity.getMessage().contains("'user', 'clientId' or both"), noEntity.getMessage());
        assertEquals(Map.of(), quotas(Map.of("user", prefix + "-bad")));
    }
}
