package io.connectops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.connect.RetryPolicy;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;
import io.connectops.engine.Engine;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.output.PlanJson;
import io.connectops.output.PlanText;
import io.connectops.output.Style;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.TargetKind;
import io.connectops.plan.Plan;
import io.connectops.render.Variable;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics, ACLs and SCRAM users on a real embedded broker with SASL/SCRAM-SHA-512 listeners and the KRaft
 * StandardAuthorizer: what the plans say, what apply does, and what Kafka then allows.
 */
class KafkaResourcesAgainstBrokerTest {
    static DevStack stack;
    static Admin kafka;

    String prefix;
    String owner;
    @TempDir
    Path dir;

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
        prefix = "k" + UUID.randomUUID().toString().substring(0, 6);
        owner = prefix; // each test its own owner id: the tests share one broker and its ownership topic
    }

    String adminPassword() {
        return stack.adminPassword();
    }

    /** The KafkaCluster of every test: the admin logs in with a password from a secret variable. */
    String cluster() {
        return String.join("\n", "apiVersion: connectops.io/v1alpha1", "kind: KafkaCluster", "metadata: {name: main}", "spec:",
                "  bootstrapServers: " + stack.bootstrapServers(),
                "  sasl: {mechanism: SCRAM-SHA-512, username: admin, password: '{{ kafka.admin.password }}'}",
                "  ownership: {owner: " + owner + "}", "---", "");
    }

    Variables variables(Map<String, String> secrets) {
        Map<String, Variable> byName = new HashMap<>();
        byName.put("kafka.admin.password", new Variable("kafka.admin.password", adminPassword(), true, new SourceLocation("secrets", 0, 0)));
        secrets.forEach((k, v) -> byName.put(k, new Variable(k, v, true, new SourceLocation("secrets", 0, 0))));
        return new Variables(byName, Map.of());
    }

    Engine engine(String yaml, Map<String, String> secrets) {
        var declarations = DeclarationLoader.load(List.of(new InputFiles.Input("kafka.yaml", cluster() + yaml)), variables(secrets)).declarations();
        Targets targets = OfflineValidator.resolve(declarations, null, true, null, Map.of());
        return new Engine(targets, RetryPolicy.DEFAULT, new io.connectops.secrets.Redactor(), io.connectops.apply.PasswordStore.files(dir));
    }

    record Run(Plan plan, ApplyReport report, long requests) {
    }

    Run apply(String yaml, boolean prune) {
        return apply(yaml, prune, Map.of());
    }

    Run apply(String yaml, boolean prune, Map<String, String> secrets) {
        try (Engine engine = engine(yaml, secrets)) {
            Plan plan = engine.plan(prune, false, 4);
            ApplyReport report = engine.apply(plan, 4, Progress.NONE);
            assertTrue(report.ok(), () -> "apply failed: " + report.failures() + " " + report.clusterErrors());
            return new Run(plan, report, engine.adminRequests());
        }
    }

    Plan plan(String yaml, boolean prune) {
        try (Engine engine = engine(yaml, Map.of())) {
            return engine.plan(prune, false, 4);
        }
    }

    Change change(Plan plan, String kind, String name) {
        return plan.of(TargetKind.KAFKA).get(0).changes().stream().filter(c -> c.kind().equals(kind) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not in the plan: " + plan.of(TargetKind.KAFKA).get(0).changes()));
    }

    static String topic(String name, int partitions, String config) {
        return "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {partitions: " + partitions
                + (config == null ? "" : ", config: {" + config + "}") + "}\n---\n";
    }

    Map<String, String> dynamicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<String, String> result = new HashMap<>();
        for (ConfigEntry entry : kafka.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource).entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                result.put(entry.name(), entry.value());
            }
        }
        return result;
    }

    int partitions(String topic) throws Exception {
        return kafka.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    @Test
    void topicConfigDriftIsPutBackAndARemovedKeyRevertsToTheDefault() throws Exception {
        String name = prefix + "-orders";
        apply(topic(name, 2, "retention.ms: '3600000', cleanup.policy: compact"), false);
        assertEquals(Map.of("retention.ms", "3600000", "cleanup.policy", "compact"), dynamicConfig(name));

        // By hand: a managed key changed, an undeclared key added.
        kafka.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("max.message.bytes", "2000"), AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        Run drift = apply(topic(name, 2, "retention.ms: '3600000', cleanup.policy: compact"), false);
        Change change = change(drift.plan(), "Topic", name);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(Set.of("config.retention.ms", "config.max.message.bytes"),
                Set.copyOf(change.keyChanges().stream().map(k -> k.key()).toList()));
        assertEquals(Map.of("retention.ms", "3600000", "cleanup.policy", "compact"), dynamicConfig(name));

        // A key removed from the file goes back to the broker's default.
        apply(topic(name, 2, "retention.ms: '3600000'"), false);
        assertEquals(Map.of("retention.ms", "3600000"), dynamicConfig(name));
        assertEquals(Action.NONE, change(plan(topic(name, 2, "retention.ms: '3600000'"), false), "Topic", name).action());
    }

    @Test
    void partitionsGrowAndADecreaseOrAReplicationChangeIsRefusedWithZeroWrites() throws Exception {
        String name = prefix + "-grow";
        apply(topic(name, 2, null), false);
        apply(topic(name, 4, null), false);
        assertEquals(4, partitions(name));

        try (Engine engine = engine(topic(name, 3, null) + topic(prefix + "-other", 1, null), Map.of())) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine.plan(false, false, 4));
            assertTrue(refused.getMessage().contains("partitions 4 -> 3 is a decrease"), refused.getMessage());
            assertTrue(refused.getMessage().contains("kafka.yaml:"), "names the file: " + refused.getMessage());
        }
        String rf = "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {partitions: 4, replicationFactor: 3}\n";
        try (Engine engine = engine(rf, Map.of())) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine.plan(false, false, 4));
            assertTrue(refused.getMessage().contains("replication factor 1 -> 3"), refused.getMessage());
        }
        assertEquals(4, partitions(name));
        assertFalse(kafka.listTopics().names().get(10, TimeUnit.SECONDS).contains(prefix + "-other"), "nothing was written");
    }

    String userWithAcls(String user, String passwordLine, String rules) {
        return "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: " + user + "}\nspec:\n  " + passwordLine
                + "\n  acls:\n" + rules + "---\n";
    }

    KafkaProducer<String, String> producer(String user, String password) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";");
        props.put("max.block.ms", "10000");
        props.put("delivery.timeout.ms", "10000");
        props.put("request.timeout.ms", "5000");
        props.put("enable.idempotence", "false");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @Test
    void aUserConnectopsMadeCanProduceToItsTopicsAndIsRefusedOnOthers() throws Exception {
        String user = prefix + "-app";
        String rules = "    - {resource: topic, name: " + prefix + "-app-, patternType: prefixed, operations: [write, describe]}\n";
        String yaml = topic(prefix + "-app-events", 1, null) + topic(prefix + "-private", 1, null)
                + userWithAcls(user, "password: '{{ app.password }}'", rules);
        Run run = apply(yaml, false, Map.of("app.password", "app-secret-" + prefix));
        String text = PlanText.text(run.plan(), Style.PLAIN) + PlanJson.toJson(run.plan());
        assertFalse(text.contains("app-secret-" + prefix), "the password is never printed");
        assertFalse(text.contains(adminPassword()), "the admin password is never printed");

        try (KafkaProducer<String, String> producer = producer(user, "app-secret-" + prefix)) {
            assertNotNull(producer.send(new ProducerRecord<>(prefix + "-app-events", "k", "v")).get(15, TimeUnit.SECONDS),
                    "the prefixed ACL lets it write to its topic");
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(prefix + "-private", "k", "v")).get(15, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof TopicAuthorizationException, refused.toString());
        }
    }

    Set<String> aclKeys(String principal) throws Exception {
        return Set.copyOf(kafka.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS).stream()
                .filter(b -> b.entry().principal().equals(principal)).map(b -> b.pattern().name() + ":" + b.entry().operation()).toList());
    }

    @Test
    void staleAclsAreRemovedFromAManagedPrincipalAndOtherPrincipalsAreNeverTouched() throws Exception {
        String principal = "User:" + prefix + "-svc";
        String other = "User:" + prefix + "-someone-else";
        kafka.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "theirs", PatternType.LITERAL),
                new AccessControlEntry(other, "*", AclOperation.READ, AclPermissionType.ALLOW)))).all().get(10, TimeUnit.SECONDS);
        String two = "apiVersion: connectops.io/v1alpha1\nkind: Acl\nmetadata: {name: svc}\nspec:\n  principal: " + principal + "\n  rules:\n"
                + "    - {resource: topic, name: a, operations: [read]}\n    - {resource: group, name: g, operations: read}\n";
        apply(two, false);
        assertEquals(Set.of("a:READ", "g:READ"), aclKeys(principal));

        // By hand, an ACL the file does not have: drift, removed.
        kafka.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "x", PatternType.LITERAL),
                new AccessControlEntry(principal, "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get(10, TimeUnit.SECONDS);
        String one = "apiVersion: connectops.io/v1alpha1\nkind: Acl\nmetadata: {name: svc}\nspec:\n  principal: " + principal + "\n  rules:\n"
                + "    - {resource: topic, name: a, operations: [read]}\n";
        apply(one, false);
        assertEquals(Set.of("a:READ"), aclKeys(principal), "the removed rule and the hand-made ACL are gone");
        assertEquals(Set.of("theirs:READ"), aclKeys(other), "another principal's ACLs are left alone");
    }

    @Test
    void aGeneratedPasswordIsWrittenOnceNeverRegeneratedAndNeverPrinted() throws Exception {
        String user = prefix + "-gen";
        Path file = dir.resolve("secrets/" + user + ".password"); // relative in the file: under the passwords directory
        String yaml = "apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: " + user + "}\nspec: {passwordFile: 'secrets/" + user
                + ".password'}\n";
        Run first = apply(yaml, false);
        assertEquals(Action.CREATE, change(first.plan(), "User", user).action());
        String password = Files.readString(file).strip();
        assertEquals(32, password.length());
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));

        Run second = apply(yaml, false);
        assertEquals(Action.NONE, change(second.plan(), "User", user).action(), "not regenerated on the next run");
        assertEquals(password, Files.readString(file).strip());
        try (KafkaProducer<String, String> producer = producer(user, password)) {
            // Logged in (the credential is the file's), and refused for lack of ACLs: authentication worked.
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(prefix + "-none", "k", "v")).get(15, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof TopicAuthorizationException, refused.toString());
        }
        String printed = PlanText.text(first.plan(), Style.PLAIN) + PlanJson.toJson(first.plan()) + first.report();
        assertFalse(printed.contains(password));

        Run rotated = apply(yaml.replace("'}\n", "', rotateToken: '1'}\n"), false);
        assertEquals(Action.UPDATE, change(rotated.plan(), "User", user).action());
        assertFalse(password.equals(Files.readString(file).strip()), "a new rotateToken makes a new password");
    }

    @Test
    void pruneDeletesWhatConnectopsMadeNeverInternalOrHandMadeTopics() throws Exception {
        String mine = prefix + "-mine";
        String handMade = prefix + "-hand";
        String connectTopic = prefix + "-connect-offsets";
        kafka.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(handMade, 1, (short) 1),
                new org.apache.kafka.clients.admin.NewTopic(connectTopic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        try {
            kafka.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("_schemas", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException, e.toString());
        }
        apply(topic(mine, 1, null), false);
        // Even a forged claim on internal topics does not get them deleted.
        try (TopicClaims claims = new TopicClaims(stack.bootstrapServers(), stack.clientProperties(), Set.of(), "_connectops-ownership")) {
            String id = kafka.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            claims.write(List.of(new ResourceClaims.Claim(id, ResourceClaims.topic("_schemas"), owner, Map.of(), null),
                    new ResourceClaims.Claim(id, ResourceClaims.topic(connectTopic), owner, Map.of(), null),
                    new ResourceClaims.Claim(id, ResourceClaims.topic("_connectops-ownership"), owner, Map.of(), null)));
        }
        Run pruned = apply("", true);
        assertEquals(Action.DELETE, change(pruned.plan(), "Topic", mine).action());
        assertEquals(1, pruned.plan().count(Action.DELETE), "only the topic connectops made: " + pruned.plan().of(TargetKind.KAFKA).get(0).changes());
        Set<String> topics = kafka.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names()
                .get(10, TimeUnit.SECONDS);
        assertTrue(topics.containsAll(Set.of(handMade, connectTopic, "_schemas", "_connectops-ownership")), topics.toString());
        awaitGone(mine);
    }

    /**
     * A claim is an unsigned record: while another principal may write the ownership topic it could forge one (and
     * read the fingerprints in it), so no claim proves anything and prune deletes nothing, saying who may write.
     */
    @Test
    void claimsProveNothingWhileAnotherPrincipalCanWriteTheOwnershipTopic() throws Exception {
        String mine = prefix + "-mine";
        String victim = prefix + "-victim";
        String mallory = prefix + "-mallory";
        apply(topic(mine, 1, null), false);
        kafka.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(victim, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        kafka.alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(mallory,
                new org.apache.kafka.clients.admin.ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096),
                "mallory-password"))).all().get(10, TimeUnit.SECONDS);
        AclBinding open = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "_connectops-", PatternType.PREFIXED),
                new AccessControlEntry("User:" + mallory, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        kafka.createAcls(List.of(open)).all().get(10, TimeUnit.SECONDS);
        try {
            Map<String, String> asMallory = new HashMap<>(stack.clientProperties());
            asMallory.put("sasl.jaas.config", io.connectops.devstack.EmbeddedKafka.Scram.jaas(mallory, "mallory-password"));
            String id = kafka.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            try (TopicClaims forged = new TopicClaims(stack.bootstrapServers(), asMallory, Set.of(), "_connectops-ownership")) {
                forged.write(List.of(new ResourceClaims.Claim(id, ResourceClaims.topic(victim), owner, Map.of(), null)));
            }
            Plan refused = plan("", true);
            assertEquals(0, refused.count(Action.DELETE), "no claim is believed: " + refused.of(TargetKind.KAFKA).get(0).changes());
            String problems = String.join("\n", refused.of(TargetKind.KAFKA).get(0).problems());
            assertTrue(problems.contains("prove nothing") && problems.contains("User:" + mallory + " may WRITE"), problems);
        } finally {
            kafka.deleteAcls(List.of(open.toFilter())).all().get(10, TimeUnit.SECONDS);
            kafka.deleteTopics(List.of(victim)).all().get(10, TimeUnit.SECONDS); // its forged claim stays in the topic
        }
        // Only connectops can use the topic again: its claims are believed, and prune deletes what it made.
        Run pruned = apply("", true);
        assertEquals(Action.DELETE, change(pruned.plan(), "Topic", mine).action());
        awaitGone(mine);
    }

    /** Before a prune deletes a topic it reads what the topic holds; records or a reading group refuse it unless forced. */
    @Test
    void aTopicWithRecordsAndAReadingGroupIsNotPrunedUnlessForced() throws Exception {
        String full = prefix + "-full";
        String empty = prefix + "-empty";
        String group = prefix + "-billing";
        apply(topic(full, 2, null) + topic(empty, 1, null), false);
        Map<String, Object> producer = new HashMap<>(stack.clientConfig());
        try (KafkaProducer<String, String> out = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                out.send(new ProducerRecord<>(full, "k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
            }
        }
        kafka.alterConsumerGroupOffsets(group, Map.of(new org.apache.kafka.common.TopicPartition(full, 0),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(1))).all().get(10, TimeUnit.SECONDS);
        try (Engine engine = engine("", Map.of())) {
            InvalidInputException refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                    () -> engine.plan(true, false, 4));
            assertTrue(refused.getMessage().contains("topic " + full + " holds 5 records, read by groups " + group + ": not deleted")
                    && !refused.getMessage().contains(empty), refused.getMessage());
        }
        try (Engine engine = engine("", Map.of())) {
            Plan forced = engine.plan(true, false, 4, true);
            assertTrue(change(forced, "Topic", full).note().contains("holds 5 records, read by group " + group), change(forced, "Topic", full).note());
            assertTrue(change(forced, "Topic", empty).note().contains("holds 0 records"), change(forced, "Topic", empty).note());
            ApplyReport report = engine.apply(forced, 4, Progress.NONE);
            assertTrue(report.ok(), report.failures().toString());
        }
        awaitGone(full);
        awaitGone(empty);
    }

    void awaitGone(String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kafka.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            assertTrue(System.nanoTime() < deadline, topic + " still exists");
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polling the condition, not a fixed wait
        }
    }

    @Test
    void aStreamingOpsCcloudConfigMapAppliesAsItIs() throws Exception {
        String account = prefix + "-orders-client";
        String configMap = String.join("\n", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: ccloud-env",
                "  labels: {destination: ccloud}", "data:", "  service-accounts: |", "    [ { \"name\": \"" + account + "\", \"description\": \"orders\" } ]",
                "  environments: |", "    [ { \"name\": \"dev\", \"schema-registry\": { \"cloud\": \"gcp\", \"geo\": \"us\" },",
                "        \"kafka\": [ { \"name\": \"orders-kafka\", \"cloud\": \"gcp\", \"region\": \"us-central1\",",
                "          \"topic\": [ { \"name\": \"" + prefix + "-orders\", \"partitions\": 3 },",
                "                     { \"name\": \"" + prefix + "-connect-configs\", \"partitions\": 1, \"config\": \"cleanup.policy=compact,retention.ms=100000\" } ],",
                "          \"acl\": [ { \"service-account\": \"" + account + "\", \"controls\": [",
                "              { \"operation\": \"read,write\", \"permission\": \"allow\", \"resource\": \"topic\", \"name\": \"" + prefix + "-\", \"prefix\": \"true\" },",
                "              { \"operation\": \"read\", \"permission\": \"allow\", \"resource\": \"consumer-group\", \"name\": \"OrdersService\" },",
                "              { \"operation\": \"write,describe\", \"permission\": \"allow\", \"resource\": \"transactional-id\", \"name\": \"*\" },",
                "              { \"operation\": \"idempotent-write\", \"permission\": \"allow\", \"resource\": \"cluster-scope\" } ] } ],",
                "          \"api-key\": [ { \"service-account\": \"" + account + "\" } ] } ] } ]", "");
        Run run = apply(configMap, false);
        assertEquals(3, partitions(prefix + "-orders"));
        assertEquals(Map.of("cleanup.policy", "compact", "retention.ms", "100000"), dynamicConfig(prefix + "-connect-configs"));
        Set<String> acls = Set.copyOf(kafka.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS)
                .stream().filter(b -> b.entry().principal().equals("User:" + account))
                .map(b -> b.pattern().resourceType() + ":" + b.pattern().name() + ":" + b.pattern().patternType() + ":" + b.entry().operation())
                .toList());
        assertEquals(Set.of("TOPIC:" + prefix + "-:PREFIXED:READ", "TOPIC:" + prefix + "-:PREFIXED:WRITE", "GROUP:OrdersService:LITERAL:READ",
                "TRANSACTIONAL_ID:*:LITERAL:WRITE", "TRANSACTIONAL_ID:*:LITERAL:DESCRIBE", "CLUSTER:kafka-cluster:LITERAL:IDEMPOTENT_WRITE"), acls);
        assertEquals(0, plan(configMap, false).count(Action.UPDATE) + plan(configMap, false).count(Action.CREATE), "a second run is a no-op");
        assertTrue(run.requests() > 0);
    }

    @Test
    void strimziKafkaTopicAndKafkaUserApplyAsTheyAre() throws Exception {
        String user = prefix + "-strimzi";
        String yaml = String.join("\n", "apiVersion: kafka.strimzi.io/v1beta2", "kind: KafkaTopic", "metadata:", "  name: " + prefix + "-st",
                "  labels: {strimzi.io/cluster: my-cluster}", "spec:", "  partitions: 2", "  replicas: 1", "  config:", "    retention.ms: 7200000",
                "---", "apiVersion: kafka.strimzi.io/v1beta2", "kind: KafkaUser", "metadata:", "  name: " + user,
                "  labels: {strimzi.io/cluster: my-cluster}", "  annotations: {connectops.io/password-file: strimzi.pw}",
                "spec:", "  authentication: {type: scram-sha-512}", "  authorization:", "    type: simple", "    acls:",
                "      - resource: {type: topic, name: " + prefix + "-st, patternType: literal}", "        operations: [Write, Describe]",
                "        host: '*'", "");
        apply(yaml, false);
        assertEquals(2, partitions(prefix + "-st"));
        assertEquals(Map.of("retention.ms", "7200000"), dynamicConfig(prefix + "-st"));
        String password = Files.readString(dir.resolve("strimzi.pw")).strip();
        try (KafkaProducer<String, String> producer = producer(user, password)) {
            assertNotNull(producer.send(new ProducerRecord<>(prefix + "-st", "k", "v")).get(15, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNoOpPlanMakesAConstantNumberOfAdminRequests() {
        StringBuilder small = new StringBuilder();
        StringBuilder large = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            (i < 4 ? small : large).append(topic(prefix + "-n" + i, 1, "retention.ms: '100000'"));
        }
        apply(small.toString() + large, false);
        long few;
        long many;
        try (Engine engine = engine(small.toString(), Map.of())) {
            engine.plan(false, false, 4);
            few = engine.adminRequests();
        }
        try (Engine engine = engine(small.toString() + large, Map.of())) {
            assertFalse(engine.plan(false, false, 4).hasChanges());
            many = engine.adminRequests();
        }
        assertEquals(few, many, "4 and 40 topics cost the same requests");
    }
}
