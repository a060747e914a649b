package io.connectops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.apply.Progress;
import io.connectops.pipeline.Pipeline;
import io.connectops.plan.Action;
import io.connectops.plan.Plan;
import io.connectops.render.VariableFiles;
import io.connectops.secrets.Redactor;
import io.connectops.testing.InMemoryKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams own what they declare (their name is its owner id): each team's --prune touches only its own (Kafka in memory). */
class TeamOwnershipTest {
    @TempDir
    Path repo;
    final InMemoryKafka kafka = new InMemoryKafka("id-1");

    static final String PLATFORM = """
            apiVersion: connectops.io/v1alpha1
            kind: KafkaCluster
            metadata: {name: main}
            spec: {bootstrapServers: "memory:9092"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: Team
            metadata: {name: orders}
            spec: {paths: [teams/orders/], owns: {topics: [orders.]}}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: Team
            metadata: {name: payments}
            spec: {paths: [teams/payments/], owns: {topics: [payments.]}}
            """;

    void write(String file, String text) throws Exception {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    static String topics(String... names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append("apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: ").append(name).append("}\nspec: {partitions: 1}\n---\n");
        }
        return text.toString();
    }

    Engine engine(String... paths) {
        List<String> given = java.util.Arrays.stream(paths).map(p -> repo.resolve(p).toString()).toList();
        var targets = Pipeline.run(new Pipeline.Request(given, InputStream.nullInputStream(), VariableFiles.Sources.environmentOnly(Map.of()),
                null, true).withTeamRoot(repo), new Redactor()).targets();
        return new Engine(targets, t -> null, t -> null, t -> new KafkaSession(t, kafka, kafka.claims));
    }

    Plan applied(boolean prune, String... paths) {
        try (Engine engine = engine(paths)) {
            Plan plan = engine.plan(prune, false, 4);
            assertTrue(engine.apply(plan, 4, Progress.NONE).ok());
            return plan;
        }
    }

    @Test
    void eachTeamsPruneTouchesOnlyItsOwnAndTheClaimsNameTheTeam() throws Exception {
        write("platform/platform.yaml", PLATFORM + "---\n" + topics("platform.audit"));
        write("teams/orders/topics.yaml", topics("orders.a", "orders.b"));
        write("teams/payments/topics.yaml", topics("payments.a", "payments.b"));
        Plan first = applied(false, ".");
        assertEquals("team:orders", KafkaRulesTest.change(first, "Topic", "orders.a").owner().label());
        String markdown = io.connectops.output.PlanText.markdown(first);
        assertTrue(markdown.contains("Teams touched: `orders`, `payments`") && markdown.contains("| orders |")
                && markdown.contains("| payments |"), markdown);
        assertEquals(Set.of("topic/orders.a", "topic/orders.b", "topic/payments.a", "topic/payments.b", "topic/platform.audit"),
                kafka.claims.resources());
        assertEquals("orders", kafka.claims.read().stream().filter(c -> c.resource().equals("topic/orders.a")).findFirst().orElseThrow().owner());

        // Orders drops a topic and prunes with its own directory (the platform's cluster file beside it): only its topic goes.
        write("teams/orders/topics.yaml", topics("orders.a"));
        write("teams/payments/topics.yaml", topics("payments.a"));
        Plan orders = applied(true, "teams/orders", "platform/platform.yaml");
        assertEquals(Action.DELETE, KafkaRulesTest.change(orders, "Topic", "orders.b").action());
        assertEquals(1, orders.count(Action.DELETE), "payments.b is payments' and platform.audit the platform's: " + orders.of(
                io.connectops.plan.TargetKind.KAFKA).get(0).changes());
        assertTrue(kafka.listTopics().containsAll(Set.of("payments.b", "platform.audit")) && !kafka.listTopics().contains("orders.b"));

        // Payments' own run prunes payments.b.
        Plan payments = applied(true, "teams/payments", "platform/platform.yaml");
        assertEquals(Action.DELETE, KafkaRulesTest.change(payments, "Topic", "payments.b").action());
        assertEquals(1, payments.count(Action.DELETE));
    }

    @Test
    void aTeamCannotTakeOverATopicAnotherTeamMade() throws Exception {
        write("platform/platform.yaml", PLATFORM.replace("owns: {topics: [payments.]}", "owns: {topics: [payments., orders.shared]}"));
        write("teams/orders/topics.yaml", topics("orders.shared"));
        applied(false, ".");
        write("teams/orders/topics.yaml", "");
        write("teams/payments/topics.yaml", topics("orders.shared").replace("partitions: 1", "partitions: 2"));
        try (Engine engine = engine(".")) {
            Plan plan = engine.plan(false, false, 4);
            var change = KafkaRulesTest.change(plan, "Topic", "orders.shared");
            assertEquals(Action.NONE, change.action(), "declared by payments, made by orders: left alone");
            assertEquals("owner:orders", change.owner().label());
        }
    }

    /** Connectors too: marked with their team's name, each team's prune deleting only its own. */
    @Test
    void connectorsAreMarkedWithTheirTeamAndEachTeamsPruneDeletesOnlyItsOwn() throws Exception {
        io.connectops.testing.InMemoryConnect connect = new io.connectops.testing.InMemoryConnect();
        String cluster = """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: prod}
                spec: {url: "http://memory:8083"}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Team
                metadata: {name: orders}
                spec: {paths: [teams/orders/], owns: {connectors: [orders-]}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Team
                metadata: {name: payments}
                spec: {paths: [teams/payments/], owns: {connectors: [payments-]}}
                """;
        write("platform/cluster.yaml", cluster);
        write("teams/orders/c.yaml", connectors("orders-a", "orders-b"));
        write("teams/payments/c.yaml", connectors("payments-a"));
        connectApplied(connect, false, ".");
        assertEquals("orders", connect.config("orders-a").orElseThrow().get("connectops.io/owner"));
        assertEquals("payments", connect.config("payments-a").orElseThrow().get("connectops.io/owner"));

        write("teams/orders/c.yaml", connectors("orders-a"));
        write("teams/payments/c.yaml", "");
        Plan orders = connectApplied(connect, true, "teams/orders", "platform/cluster.yaml");
        assertEquals(1, orders.count(Action.DELETE), orders.targets().get(0).changes().toString());
        assertTrue(connect.config("orders-b").isEmpty() && connect.config("payments-a").isPresent(),
                "orders' prune deleted its own connector and left payments' one");
    }

    static String connectors(String... names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append("apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: ").append(name)
                    .append("}\nspec: {class: com.example.Source, config: {topic: x}}\n---\n");
        }
        return text.toString();
    }

    Plan connectApplied(io.connectops.testing.InMemoryConnect connect, boolean prune, String... paths) {
        List<String> given = java.util.Arrays.stream(paths).map(p -> repo.resolve(p).toString()).toList();
        var targets = Pipeline.run(new Pipeline.Request(given, InputStream.nullInputStream(), VariableFiles.Sources.environmentOnly(Map.of()),
                null, true).withTeamRoot(repo), new Redactor()).targets();
        try (Engine engine = new Engine(targets, t -> connect, t -> io.connectops.ownership.OwnershipStores.forCluster(t.cluster()))) {
            Plan plan = engine.plan(prune, false, 4);
            assertTrue(engine.apply(plan, 4, Progress.NONE).ok());
            return plan;
        }
    }
}
