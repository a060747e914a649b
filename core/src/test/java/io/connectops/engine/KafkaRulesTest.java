package io.connectops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.ResourceClaims;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.AclSpec;
import io.connectops.model.InvalidInputException;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.model.UserSpec;
import io.connectops.output.PlanJson;
import io.connectops.output.PlanText;
import io.connectops.output.Style;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.TargetKind;
import io.connectops.plan.Plan;
import io.connectops.render.Variable;
import io.connectops.render.Variables;
import io.connectops.testing.InMemoryKafka;
import io.connectops.validate.OfflineValidator;
import org.junit.jupiter.api.Test;

/** The Kafka kinds' rules in milliseconds, on Kafka in memory (behaviour on a real broker: KafkaResourcesAgainstBrokerTest). */
class KafkaRulesTest {
    static final String CLUSTER = "apiVersion: connectops.io/v1alpha1\nkind: KafkaCluster\nmetadata: {name: k}\n"
            + "spec: {bootstrapServers: 'memory:9092', ownership: {owner: team-a}}\n---\n";

    static String topic(String name, int partitions, String config) {
        return "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {partitions: " + partitions
                + (config == null ? "" : ", config: {" + config + "}") + "}\n---\n";
    }

    static Engine engine(InMemoryKafka kafka, Map<String, String> secrets, String... documents) {
        Map<String, Variable> byName = new HashMap<>();
        secrets.forEach((k, v) -> byName.put(k, new Variable(k, v, true, new SourceLocation("secrets", 0, 0))));
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("k.yaml",
                CLUSTER + String.join("", documents))), new Variables(byName, Map.of())).declarations(), null, true, null, Map.of());
        return new Engine(targets, t -> null, t -> null, t -> new KafkaSession(t, kafka, kafka.claims));
    }

    static Engine engine(InMemoryKafka kafka, String... documents) {
        return engine(kafka, Map.of(), documents);
    }

    static ApplyReport apply(Engine engine, boolean prune) {
        return engine.apply(engine.plan(prune, false, 4), 4, Progress.NONE);
    }

    static Change change(Plan plan, String kind, String name) {
        return plan.of(TargetKind.KAFKA).get(0).changes().stream().filter(c -> c.kind().equals(kind) && c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void oneTopicThatFailsStopsNoOtherAndLeavesNoClaim() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        kafka.fail(item -> item.equals("createTopic b"));
        ApplyReport report = apply(engine(kafka, topic("a", 1, null), topic("b", 1, null), topic("c", 1, null)), false);
        assertEquals(List.of("topic/b"), report.failures().stream().map(o -> o.connector()).toList());
        assertEquals(Set.of("topic/a", "topic/c"), kafka.claims.resources());
    }

    @Test
    void creationsAreBatchedIntoOneRequestWhateverTheirNumber() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append(topic("t" + i, 1, "retention.ms: '1000'"));
        }
        Engine engine = engine(kafka, many.toString());
        Plan plan = engine.plan(false, false, 4);
        int before = kafka.requestLog().size();
        assertTrue(engine.apply(plan, 4, Progress.NONE).ok());
        assertEquals(List.of("createTopics", "listTopics"), kafka.requestLog().subList(before, kafka.requestLog().size()),
                "300 topics: one createTopics, then one read that sees them");
    }

    @Test
    void aNoOpPlanCostsTheSameRequestsForTenOrAThousandResources() {
        long[] costs = new long[2];
        int[] sizes = {10, 1000};
        for (int run = 0; run < 2; run++) {
            InMemoryKafka kafka = new InMemoryKafka("id-1");
            StringBuilder docs = new StringBuilder();
            for (int i = 0; i < sizes[run]; i++) {
                docs.append(topic("t" + i, 1, null));
                docs.append("apiVersion: connectops.io/v1alpha1\nkind: Acl\nmetadata: {name: p" + i + "}\nspec:\n  principal: User:p" + i
                        + "\n  rules: [{resource: topic, name: t" + i + ", operations: [read]}]\n---\n");
            }
            assertTrue(apply(engine(kafka, docs.toString()), false).ok());
            Engine engine = engine(kafka, docs.toString());
            long before = kafka.requests();
            assertFalse(engine.plan(false, false, 4).hasChanges());
            costs[run] = kafka.requests() - before;
        }
        // 1000 topics need two config batches (500 each) instead of one: constant per 500, not per topic.
        assertEquals(costs[0] + 1, costs[1], "requests for 10 and for 1000 resources");
    }

    @Test
    void aPruneDeletesOnlyClaimedResourcesAndNeverProtectedTopics() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        kafka.addTopic("by-hand", 1, Map.of());
        kafka.addTopic("_schemas", 1, Map.of());
        kafka.addTopic("other-team", 1, Map.of());
        kafka.claims.write(List.of(new ResourceClaims.Claim("id-1", "topic/_schemas", "team-a", Map.of(), null),
                new ResourceClaims.Claim("id-1", "topic/other-team", "team-b", Map.of(), null)));
        assertTrue(apply(engine(kafka, topic("mine", 1, null), topic("gone", 1, null)), false).ok());
        Plan plan = engine(kafka, topic("mine", 1, null)).plan(true, false, 4);
        assertEquals(List.of("gone"), plan.of(TargetKind.KAFKA).get(0).changes().stream().filter(c -> c.action() == Action.DELETE).map(Change::name).toList());
        assertTrue(engine(kafka, topic("mine", 1, null)).apply(plan, 4, Progress.NONE).ok());
        assertNull(kafka.topic("gone"));
        assertNotNull(kafka.topic("by-hand"));
        assertNotNull(kafka.topic("_schemas"));
        assertNotNull(kafka.topic("other-team"));
        assertFalse(kafka.claims.resources().contains("topic/gone"), "a deleted topic's claim is released");
    }

    @Test
    void unknownOwnershipRefusesThePruneAndDeletesNothing() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        assertTrue(apply(engine(kafka, topic("mine", 1, null), topic("gone", 1, null)), false).ok());
        kafka.claims.unreadable("broker said no");
        Plan plan = engine(kafka, topic("mine", 1, null)).plan(true, false, 4);
        assertTrue(plan.of(TargetKind.KAFKA).get(0).pruneRefused(true));
        assertTrue(plan.hasErrors());
        assertEquals(0, plan.count(Action.DELETE));
    }

    @Test
    void claimsMadeOnAnotherClusterIdAreUnknownNeverOurs() {
        InMemoryKafka kafka = new InMemoryKafka("id-2");
        kafka.addTopic("mirrored", 1, Map.of());
        kafka.claims.write(List.of(new ResourceClaims.Claim("id-1", "topic/mirrored", "team-a", Map.of(), null)));
        Plan plan = engine(kafka, topic("mine", 1, null)).plan(true, false, 4);
        assertEquals(List.of("topic/mirrored"), plan.of(TargetKind.KAFKA).get(0).ownershipUnknown());
        assertEquals(0, plan.count(Action.DELETE));
    }

    @Test
    void theMassDeletionGuardCountsKafkaResources() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            docs.append(topic("t" + i, 1, null));
        }
        assertTrue(apply(engine(kafka, docs.toString()), false).ok());
        Plan plan = engine(kafka, topic("t0", 1, null)).plan(true, false, 4);
        assertEquals(4, plan.count(Action.DELETE));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Engine.checkDeletionGuard(plan, null, false));
        assertTrue(refused.getMessage().contains("Kafka cluster 'k'"), refused.getMessage());
        Engine.checkDeletionGuard(plan, 4, false);
    }

    @Test
    void aPartitionDecreaseStopsThePlanBeforeAnyWrite() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        kafka.addTopic("t", 4, Map.of());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> engine(kafka, topic("t", 2, null), topic("new", 1, null)).plan(false, false, 4));
        assertTrue(refused.getMessage().contains("k.yaml:"), refused.getMessage());
        assertEquals(List.of(), kafka.writes());
    }

    @Test
    void aPrincipalsAclsAreMadeEqualOnlyWhenConnectopsMadeThem() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        AclSpec.Rule handMade = new AclSpec.Rule(AclSpec.ResourceType.TOPIC, "x", AclSpec.PatternType.LITERAL, AclSpec.Operation.WRITE,
                AclSpec.Permission.ALLOW, "*", null);
        kafka.addAcl(new KafkaAdmin.AclEntry("User:legacy", handMade));
        String legacy = "apiVersion: connectops.io/v1alpha1\nkind: Acl\nmetadata: {name: l}\nspec:\n  principal: User:legacy\n"
                + "  rules: [{resource: topic, name: a, operations: [read]}]\n---\n";
        Plan plan = engine(kafka, legacy).plan(false, false, 4);
        Change change = change(plan, "Acl", "User:legacy");
        assertEquals(Action.UPDATE, change.action());
        assertTrue(change.note().contains("only adds"), change.note());
        assertTrue(engine(kafka, legacy).apply(plan, 4, Progress.NONE).ok());
        assertEquals(2, kafka.acls("User:legacy").size(), "the hand-made ACL is kept");
    }

    @Test
    void aGivenPasswordIsSetOnceAndAgainOnlyWhenItChanges() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        String user = "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: app}\nspec: {password: '{{ app.pw }}'}\n---\n";
        Engine first = engine(kafka, Map.of("app.pw", "first-secret"), user);
        Plan plan = first.plan(false, false, 4);
        assertFalse((PlanText.text(plan, Style.PLAIN) + PlanJson.toJson(plan) + PlanText.markdown(plan)).contains("first-secret"));
        assertTrue(first.apply(plan, 4, Progress.NONE).ok());
        assertEquals("first-secret", kafka.password("app", UserSpec.Mechanism.SCRAM_SHA_512));
        assertEquals(Action.NONE, change(engine(kafka, Map.of("app.pw", "first-secret"), user).plan(false, false, 4), "User", "app").action());
        Engine changed = engine(kafka, Map.of("app.pw", "second-secret"), user);
        Plan second = changed.plan(false, false, 4);
        assertEquals(Action.UPDATE, change(second, "User", "app").action());
        assertTrue(changed.apply(second, 4, Progress.NONE).ok());
        assertEquals("second-secret", kafka.password("app", UserSpec.Mechanism.SCRAM_SHA_512));
        assertEquals(Action.NONE, change(engine(kafka, Map.of("app.pw", "second-secret"), user).plan(false, false, 4), "User", "app").action());
    }

    @Test
    void aPasswordKeptInAKubernetesSecretIsRefusedBeforeAnyWriteOutsideTheOperator() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        String user = "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: app}\nspec: {passwordFile: 'secret:team-a/app'}\n---\n";
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> engine(kafka, topic("t", 1, null), user).plan(false, false, 4));
        assertTrue(refused.getMessage().contains("k.yaml:") && refused.getMessage().contains("only 'connectops operator' writes"),
                refused.getMessage());
        assertEquals(List.of(), kafka.writes());
    }

    /** A hand-made user keeps its password until the file sets a rotateToken; then one is generated, and the note never says to set it. */
    @Test
    void aHandMadeUserGetsAGeneratedPasswordOnceARotateTokenIsSet(@org.junit.jupiter.api.io.TempDir Path tmp) {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        kafka.addUser("app", UserSpec.Mechanism.SCRAM_SHA_512, "made-by-hand");
        String user = "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: app}\nspec: {passwordFile: app.password%s}\n---\n";
        java.util.function.Function<String, Engine> engine = extra -> new Engine(OfflineValidator.resolve(DeclarationLoader.load(List.of(
                new InputFiles.Input("k.yaml", CLUSTER + user.formatted(extra)))).declarations(), null, true, null, Map.of()), t -> null, t -> null,
                t -> new KafkaSession(t, kafka, kafka.claims, io.connectops.apply.PasswordStore.files(tmp), new io.connectops.secrets.Redactor()));
        Change kept = change(engine.apply("").plan(false, false, 4), "User", "app");
        assertEquals(Action.NONE, kept.action());
        assertTrue(kept.note().contains("set spec.rotateToken"), kept.note());
        try (Engine rotating = engine.apply(", rotateToken: '1'")) {
            Plan plan = rotating.plan(false, false, 4);
            Change rotated = change(plan, "User", "app");
            assertEquals(Action.UPDATE, rotated.action(), String.valueOf(rotated.note()));
            assertTrue(rotating.apply(plan, 4, Progress.NONE).ok());
        }
        assertFalse("made-by-hand".equals(kafka.password("app", UserSpec.Mechanism.SCRAM_SHA_512)), "a generated password is set");
        Change after = change(engine.apply(", rotateToken: '1'").plan(false, false, 4), "User", "app");
        assertEquals(Action.NONE, after.action());
        assertTrue(after.note() == null || !after.note().contains("set spec.rotateToken"), String.valueOf(after.note()));
    }

    /** A committed file names where a generated password goes: only a relative path inside the passwords directory. */
    @Test
    void aPasswordFileOutsideThePasswordsDirectoryIsRefusedWhereItIsWrittenBeforeAnyReadOrWrite(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        for (String outside : List.of("/home/ci/.ssh/authorized_keys", "../../etc/cron.d/x", "a/../../b", "~/.bashrc")) {
            String user = "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: app}\nspec:\n  passwordFile: '" + outside + "'\n---\n";
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine(new InMemoryKafka("id-1"), user), outside);
            assertTrue(refused.getMessage().contains("k.yaml:10:") && refused.getMessage().contains("passwordFile")
                    && refused.getMessage().contains("--passwords-dir"), refused.getMessage());
        }
        // A link inside the directory (made there by anyone) is not followed: refused when planning, nothing written.
        Path passwords = Files.createDirectories(tmp.resolve("passwords"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(passwords.resolve("linked"), elsewhere);
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        String user = "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: app}\nspec: {passwordFile: 'linked/app.password'}\n---\n";
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("k.yaml", CLUSTER + user)))
                .declarations(), null, true, null, Map.of());
        try (Engine engine = new Engine(targets, t -> null, t -> null, t -> new KafkaSession(t, kafka, kafka.claims,
                io.connectops.apply.PasswordStore.files(passwords), new io.connectops.secrets.Redactor()))) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine.plan(false, false, 4));
            assertTrue(refused.getMessage().contains("goes through the link"), refused.getMessage());
        }
        assertEquals(List.of(), kafka.writes());
        try (var listed = Files.list(elsewhere)) {
            assertEquals(0, listed.count(), "nothing written where the link points");
        }
        // Inside the directory: generated there, 0600.
        try (Engine engine = new Engine(OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("k.yaml",
                CLUSTER + user.replace("linked/", "team/")))).declarations(), null, true, null, Map.of()), t -> null, t -> null,
                t -> new KafkaSession(t, kafka, kafka.claims, io.connectops.apply.PasswordStore.files(passwords), new io.connectops.secrets.Redactor()))) {
            assertTrue(engine.apply(engine.plan(false, false, 4), 4, Progress.NONE).ok());
        }
        assertEquals(32, Files.readString(passwords.resolve("team/app.password")).strip().length());
    }

    /** Deleting a protected topic was refused; wiping it through its config must be too (claims, Connect's configs). */
    @Test
    void aProtectedTopicsConfigAndPartitionsAreNeverChangedAndTheWholePlanIsRefused() {
        for (String name : List.of("_connectops-ownership", "connect-configs", "my-app.internal", "_schemas")) {
            InMemoryKafka kafka = new InMemoryKafka("id-1");
            kafka.addTopic(name, 1, Map.of("cleanup.policy", "compact"));
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine(kafka, topic("t", 1, null),
                    topic(name, 1, "cleanup.policy: delete, retention.ms: '1000'")).plan(false, false, 4), name);
            assertTrue(refused.getMessage().contains("k.yaml:") && refused.getMessage().contains("'" + name + "' is protected")
                    && refused.getMessage().contains("cleanup.policy"), refused.getMessage());
            assertEquals(List.of(), kafka.writes(), "nothing written, not even the other topic");
            InvalidInputException grown = assertThrows(InvalidInputException.class,
                    () -> engine(kafka, topic(name, 3, "cleanup.policy: compact")).plan(false, false, 4));
            assertTrue(grown.getMessage().contains("partitions"), grown.getMessage());
        }
        // Declared as it is: no change, nothing refused.
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        kafka.addTopic("connect-offsets", 1, Map.of("cleanup.policy", "compact"));
        assertEquals(Action.NONE, change(engine(kafka, topic("connect-offsets", 1, "cleanup.policy: compact")).plan(false, false, 4),
                "Topic", "connect-offsets").action());
    }

    @Test
    void unreadableAclsLeaveAclsAloneAndTheRestGoesOn() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        kafka.aclsUnreadable("SecurityDisabledException: no authorizer is configured");
        String acl = "apiVersion: connectops.io/v1alpha1\nkind: Acl\nmetadata: {name: l}\nspec:\n  principal: User:app\n"
                + "  rules: [{resource: topic, name: a, operations: [read]}]\n---\n";
        Engine engine = engine(kafka, topic("a", 1, null), acl);
        Plan plan = engine.plan(false, false, 4);
        assertEquals(Action.NONE, change(plan, "Acl", "User:app").action());
        assertTrue(plan.hasErrors(), "reported");
        assertTrue(engine.apply(plan, 4, Progress.NONE).ok());
        assertNotNull(kafka.topic("a"), "the topic was still created");
    }
}
