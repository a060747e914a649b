package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.KafkaLogging;
import io.connectops.status.Health;
import io.connectops.status.SyncState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectops sync} with Kafka resources, on a real broker with SASL/SCRAM and ACLs: a commit's topics
 * and ACLs applied, a topic config and an ACL changed by hand put back (with events, status and metrics), a
 * partition decrease rejected before anything is written.
 */
class ControllerKafkaTest {
    static DevStack stack;
    static Admin kafka;

    @TempDir
    Path tmp;
    Controller controller;
    GitRepo repo;

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

    @AfterEach
    void tearDown() throws Exception {
        if (controller != null) {
            controller.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    String retention(String topic) {
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigEntry entry = kafka.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource).get("retention.ms");
            return entry == null || entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG ? null : entry.value();
        } catch (Exception e) {
            return null;
        }
    }

    int partitions(String topic) throws Exception {
        return kafka.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    Set<String> acls(String principal) {
        try {
            return Set.copyOf(kafka.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(principal, null,
                    AclOperation.ANY, AclPermissionType.ANY))).values().get(10, TimeUnit.SECONDS).stream()
                    .map(b -> b.pattern().name() + ":" + b.entry().operation()).toList());
        } catch (Exception e) {
            return Set.of();
        }
    }

    ResourceStatus resource(String id) {
        return controller.status().resources().stream().filter(r -> r.connector().equals(id)).findFirst().orElse(null);
    }

    boolean event(String reason, String resource) {
        return controller.events().all().stream().anyMatch(e -> e.reason().equals(reason) && resource.equals(e.resource()));
    }

    @Test
    void appliesTopicsAndAclsPutsDriftBackAndRefusesAPartitionDecrease() throws Exception {
        String prefix = "c" + UUID.randomUUID().toString().substring(0, 6);
        String topic = prefix + "-orders";
        String principal = "User:" + prefix + "-svc";
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("kafka.properties"), "kafka.admin.password=" + stack.adminPassword() + "\n");
        repo = new GitRepo(tmp.resolve("repo"));
        repo.write("kafka/cluster.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: main}
                spec:
                  bootstrapServers: %s
                  sasl: {username: admin, password: "{{ kafka.admin.password }}"}
                  ownership: {owner: %s}
                """.formatted(stack.bootstrapServers(), prefix));
        String resources = """
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: %s}
                spec: {partitions: %d, config: {retention.ms: "3600000"}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Acl
                metadata: {name: svc}
                spec:
                  principal: %s
                  rules: [{resource: topic, name: %s, operations: [read, describe]}]
                """;
        String first = repo.write("kafka/resources.yaml", resources.formatted(topic, 2, principal, topic)).commit("topics and acls");
        ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("kafka")
                .interval(Duration.ofMillis(200)).resync(Duration.ofMillis(500)).selfHeal(true)
                .variables(List.of(), List.of(), List.of(secrets.toString()), null).shutdownTimeout(Duration.ofSeconds(10)).build();
        controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE),
                null, Clock.systemUTC());
        controller.start();

        await("topic created", Duration.ofSeconds(30), () -> "3600000".equals(retention(topic)));
        await("ACLs created", Duration.ofSeconds(30), () -> acls(principal).equals(Set.of(topic + ":READ", topic + ":DESCRIBE")));
        await("revision applied", Duration.ofSeconds(30), () -> first.equals(controller.status().lastAppliedRevision()));
        await("topic status", Duration.ofSeconds(30), () -> resource("topic/" + topic) != null
                && resource("topic/" + topic).sync() == SyncState.Synced && resource("topic/" + topic).health() == Health.Healthy);
        assertEquals("kafka/main", resource("topic/" + topic).cluster());

        // By hand: a config changed and an ACL deleted; both put back, as drift.
        kafka.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        kafka.deleteAcls(List.of(new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntryFilter(principal, null, AclOperation.READ, AclPermissionType.ALLOW)))).all().get(10, TimeUnit.SECONDS);
        await("config drift put back", Duration.ofSeconds(30), () -> "3600000".equals(retention(topic)) && event("DriftCorrected", "topic/" + topic));
        await("deleted ACL put back", Duration.ofSeconds(30), () -> acls(principal).contains(topic + ":READ")
                && event("DriftCorrected", "acl/" + principal));
        String metrics = controller.metrics().scrape();
        assertTrue(metrics.contains("connectops_drift_corrections_total{cluster=\"kafka/main\"}"), metrics);
        assertTrue(metrics.contains("connectops_kafka_admin_requests_total{cluster=\"kafka/main\"}"), metrics);

        // A partition decrease is a bad commit: rejected with the reason, nothing of it written.
        String bad = repo.write("kafka/resources.yaml", resources.formatted(topic, 1, principal, topic)
                .replace("3600000", "7200000")).commit("fewer partitions");
        await("bad commit attempted", Duration.ofSeconds(30), () -> bad.equals(controller.status().lastAttemptedRevision()));
        String error = controller.status().lastError();
        assertTrue(error != null && error.contains("partitions 2 -> 1 is a decrease"), error);
        assertEquals(first, controller.status().lastAppliedRevision());
        assertEquals(2, partitions(topic));
        assertEquals("3600000", retention(topic), "nothing of the rejected commit was applied");
        assertTrue(!controller.status().toString().contains(stack.adminPassword()),
                "the admin password is never in the status");
    }

    /**
     * Policies under sync: a commit that breaks a Deny rule on the files is rejected with the reason, one whose change
     * breaks a rule on the live value (a retention cut) too, and nothing of either is written; a Warn rule from the
     * controller's own --policy file lets its commit apply.
     */
    @Test
    void aPolicyViolationRejectsTheCommitWithItsReasonAndAWarnRuleLetsItApply() throws Exception {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 6);
        String topic = prefix + ".orders";
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("kafka.properties"), "kafka.admin.password=" + stack.adminPassword() + "\n");
        Path platform = Files.writeString(tmp.resolve("platform.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: names}
                spec:
                  match: {kinds: [Topic]}
                  validations:
                    - expression: "object.metadata.name.endsWith('.orders')"
                      messageExpression: "'topic ' + object.metadata.name + ' should end in .orders'"
                  validationActions: [Warn]
                """);
        repo = new GitRepo(tmp.resolve("repo"));
        repo.write("kafka/cluster.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: main}
                spec:
                  bootstrapServers: %s
                  sasl: {username: admin, password: "{{ kafka.admin.password }}"}
                  ownership: {owner: %s}
                """.formatted(stack.bootstrapServers(), prefix));
        repo.write("kafka/policies.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: limits}
                spec:
                  match: {kinds: [Topic], operations: [CREATE, UPDATE]}
                  validations:
                    - expression: "object.spec.partitions <= 12"
                      message: "topics have at most 12 partitions"
                    - expression: "request.operation != 'UPDATE' || int(object.spec.config['retention.ms']) >= 86400000 || int(object.spec.config['retention.ms']) >= int(oldObject.spec.config['retention.ms'])"
                      messageExpression: "'retention of ' + object.metadata.name + ' may not drop below a day'"
                """);
        String resources = """
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: %s}
                spec: {partitions: %d, config: {retention.ms: "%s"}}
                """;
        String first = repo.write("kafka/topics.yaml", resources.formatted(topic, 2, "604800000") + "---\n"
                + resources.formatted(prefix + ".audit", 1, "604800000")).commit("topics");
        ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("kafka")
                .interval(Duration.ofMillis(200)).resync(Duration.ofMillis(500))
                .variables(List.of(), List.of(), List.of(secrets.toString()), null).policyPaths(List.of(platform.toString()))
                .shutdownTimeout(Duration.ofSeconds(10)).build();
        controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE),
                null, Clock.systemUTC());
        controller.start();
        await("the commit with a Warn violation applied", Duration.ofSeconds(30), () -> first.equals(controller.status().lastAppliedRevision()));
        assertEquals(2, partitions(topic));
        assertEquals(1, partitions(prefix + ".audit"), "a Warn rule does not stop its resource");

        String tooBig = repo.write("kafka/topics.yaml", resources.formatted(topic, 24, "604800000")).commit("too many partitions");
        await("rejected on the files", Duration.ofSeconds(30), () -> tooBig.equals(controller.status().lastAttemptedRevision()));
        String error = controller.status().lastError();
        assertTrue(error != null && error.contains("Topic " + topic + " violates policy 'limits' (kafka/policies.yaml:7:")
                && error.contains("topics have at most 12 partitions") && error.contains("kafka/topics.yaml:3:"), error);

        String cut = repo.write("kafka/topics.yaml", resources.formatted(topic, 2, "3600000")).commit("retention cut");
        await("rejected on the plan", Duration.ofSeconds(30), () -> cut.equals(controller.status().lastAttemptedRevision())
                && controller.status().lastError() != null && controller.status().lastError().contains("may not drop below a day"));
        assertEquals(first, controller.status().lastAppliedRevision());
        assertEquals(2, partitions(topic));
        assertEquals("604800000", retention(topic), "nothing of either rejected commit was written");
    }

    /**
     * deletionPolicy Orphan for Kafka resources whose cluster could not be reached when their Kubernetes object went:
     * given up at the next pass, before it plans, so a prune never deletes what the user asked to keep; and giving up
     * what another owner claims releases nothing of theirs.
     */
    @Test
    void kafkaResourcesToGiveUpLaterAreGivenUpBeforeAnyPruneAndAnotherOwnersClaimIsNeverReleased() throws Exception {
        String prefix = "o" + UUID.randomUUID().toString().substring(0, 6);
        String kept = prefix + "-kept";
        String other = prefix + "-other";
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("kafka.properties"), "kafka.admin.password=" + stack.adminPassword() + "\n");
        repo = new GitRepo(tmp.resolve("repo"));
        String cluster = """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: main}
                spec:
                  bootstrapServers: %s
                  sasl: {username: admin, password: "{{ kafka.admin.password }}"}
                  ownership: {owner: %s}
                """;
        String topics = """
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: %s}
                spec: {partitions: 1}
                """;
        // Another owner id (team-b's repository) claims 'other' first.
        repo.write("kafka/cluster.yaml", cluster.formatted(stack.bootstrapServers(), prefix + "-team-b"))
                .write("kafka/other.yaml", topics.formatted(other)).commit("team-b's topic");
        start(repo, secrets);
        await("team-b's topic created", Duration.ofSeconds(30), () -> topicExists(other));
        controller.close();
        repo.delete("kafka/other.yaml").write("kafka/cluster.yaml", cluster.formatted(stack.bootstrapServers(), prefix))
                .write("kafka/kept.yaml", topics.formatted(kept)).commit("ours");
        start(repo, secrets);
        await("our topic created", Duration.ofSeconds(30), () -> topicExists(kept) && resource("topic/" + kept) != null);

        // What the operator does when a Topic/Acl/User with deletionPolicy Orphan had to be released while Kafka was unreachable.
        controller.orphans().disownKafkaLater("main", "topic/" + kept);
        controller.orphans().disownKafkaLater("main", "topic/" + other);
        String dropped = repo.delete("kafka/kept.yaml").commit("drop the kept topic");
        await("the commit without it applied", Duration.ofSeconds(30), () -> dropped.equals(controller.status().lastAppliedRevision()));
        await("given up", Duration.ofSeconds(30), () -> event("Orphaned", "topic/" + kept) && event("Orphaned", "topic/" + other));
        long passes = passes();
        await("three more passes", Duration.ofSeconds(30), () -> passes() >= passes + 3);
        assertTrue(topicExists(kept), "given up before the prune: never deleted");
        assertTrue(!Files.readString(tmp.resolve("cache/restart-tokens.json")).contains("orphan:"), "done: no longer pending");
        // team-b's claim is still theirs: a prune under team-b's owner id would still delete it, ours never.
        assertTrue(controller.events().all().stream().anyMatch(e -> e.reason().equals("Orphaned") && ("topic/" + other).equals(e.resource())
                && e.message().contains("owner:" + prefix + "-team-b")), controller.events().all().toString());
        controller.close();
        repo.write("kafka/cluster.yaml", cluster.formatted(stack.bootstrapServers(), prefix + "-team-b")).commit("team-b prunes");
        start(repo, secrets);
        await("team-b's prune deleted its topic", Duration.ofSeconds(30), () -> !topicExists(other));
        assertTrue(topicExists(kept));
    }

    void start(GitRepo repo, Path secrets) {
        ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("kafka")
                .interval(Duration.ofMillis(200)).resync(Duration.ofMillis(300)).selfHeal(true).prune(true).maxDeletions(5)
                .variables(List.of(), List.of(), List.of(secrets.toString()), null).shutdownTimeout(Duration.ofSeconds(10)).build();
        controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE),
                null, Clock.systemUTC());
        controller.start();
    }

    boolean topicExists(String topic) {
        try {
            return kafka.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            return false;
        }
    }

    long passes() {
        return controller.metrics().scrape().lines().filter(l -> l.startsWith("connectops_syncs_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
