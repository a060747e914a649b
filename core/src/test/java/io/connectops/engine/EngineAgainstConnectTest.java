package io.connectops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.RetryPolicy;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.ownership.OwnershipStore;
import io.connectops.ownership.RecordedOwnership;
import io.connectops.plan.Action;
import io.connectops.plan.TargetKind;
import io.connectops.plan.TargetPlan;
import io.connectops.plan.Change;
import io.connectops.plan.Plan;
import io.connectops.validate.OfflineValidator;
import io.connectops.model.Targets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The engine against a real embedded Kafka + Connect: every case of the apply life cycle. */
@ExtendWith(DevStackExtension.class)
class EngineAgainstConnectTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";

    DevStack stack;
    ConnectClient admin;
    OwnershipStore ownership;
    String prefix;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path dir) {
        this.stack = stack;
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "t" + UUID.randomUUID().toString().substring(0, 6) + "-";
        // Each test its own owner id: tests share one cluster, and the marker lives on the cluster.
        this.ownership = new MarkerOwnership(prefix.substring(0, prefix.length() - 1));
    }

    String connector(String name, String state, String... config) {
        Map<String, String> values = new java.util.TreeMap<>(Map.of("noop.label", "base"));
        for (int i = 0; i < config.length; i += 2) {
            values.put(config[i], config[i + 1]);
        }
        StringBuilder yaml = new StringBuilder("---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + prefix + name
                + "}\nspec:\n  class: " + NOOP + "\n  tasksMax: 1\n  state: " + state + "\n  config:\n");
        values.forEach((k, v) -> yaml.append("    ").append(k).append(": ").append(v).append('\n'));
        return yaml.toString();
    }

    Engine engine(URI url, String... documents) {
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("test.yaml", String.join("", documents))))
                .declarations(), url.toString());
        return new Engine(targets, t -> new ConnectClient(ConnectEndpoint.of(t.name(), url), RetryPolicy.DEFAULT), t -> ownership);
    }

    Engine engine(String... documents) {
        return engine(stack.connectUrl(), documents);
    }

    ApplyReport planAndApply(Engine engine, boolean prune) {
        Plan plan = engine.plan(prune, true, 8);
        ApplyReport report = engine.apply(plan, 8, Progress.NONE);
        assertTrue(report.ok(), report.toString());
        return report;
    }

    void awaitState(String name, String state) throws InterruptedException {
        awaitState(admin, name, state);
    }

    /** Waits up to 30 s for Connect to report {@code state} ("ABSENT" when the connector is gone). */
    static void awaitState(ConnectClient admin, String name, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = admin.status(name).map(s -> s.state()).orElse("ABSENT");
            if (last.equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not reach " + state + " (last: " + last + ")");
    }

    Change changeOf(Plan plan, String name) {
        return plan.of(TargetKind.CONNECT).get(0).changes().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void createsThenMakesNoWriteWhenNothingChanged() throws Exception {
        Engine first = engine(connector("a", "running"), connector("b", "paused"), connector("c", "stopped"));
        planAndApply(first, false);
        awaitState(prefix + "a", "RUNNING");
        awaitState(prefix + "b", "PAUSED");
        awaitState(prefix + "c", "STOPPED");
        assertEquals(Set.of(prefix + "a", prefix + "b", prefix + "c"), owned(ownership));
        assertEquals("base", admin.config(prefix + "a").orElseThrow().get("noop.label"));

        Engine again = engine(connector("a", "running"), connector("b", "paused"), connector("c", "stopped"));
        Plan plan = again.plan(false, true, 8);
        assertFalse(plan.hasChanges(), plan.toString());
        long callsBefore = again.restCalls();
        assertEquals(1, callsBefore, "a no-op plan reads the cluster in one bulk call");
        again.apply(plan, 8, Progress.NONE);
        assertEquals(callsBefore, again.restCalls(), "no write for connectors without changes");
    }

    @Test
    void changesOneKeyOnlyTheStateAndStateWithConfig() throws Exception {
        planAndApply(engine(connector("one", "running"), connector("two", "running"), connector("three", "running")), false);
        awaitState(prefix + "one", "RUNNING");
        awaitState(prefix + "two", "RUNNING");
        awaitState(prefix + "three", "RUNNING");

        Engine changed = engine(connector("one", "running", "noop.label", "changed"), connector("two", "paused"),
                connector("three", "stopped", "noop.label", "both"));
        Plan plan = changed.plan(false, true, 8);
        Change one = changeOf(plan, prefix + "one");
        assertEquals(Action.UPDATE, one.action());
        assertEquals(1, one.keyChanges().size());
        assertEquals("noop.label", one.keyChanges().get(0).key());
        assertNull(one.state().to());
        Change two = changeOf(plan, prefix + "two");
        assertFalse(two.configChanged());
        assertEquals("PAUSED", two.state().to().name());
        Change three = changeOf(plan, prefix + "three");
        assertTrue(three.configChanged());
        assertEquals("STOPPED", three.state().to().name());

        assertTrue(changed.apply(plan, 8, Progress.NONE).ok());
        assertEquals("changed", admin.config(prefix + "one").orElseThrow().get("noop.label"));
        awaitState(prefix + "two", "PAUSED");
        awaitState(prefix + "three", "STOPPED");
        assertEquals("both", admin.config(prefix + "three").orElseThrow().get("noop.label"));

        planAndApply(engine(connector("one", "running", "noop.label", "changed"), connector("two", "running"),
                connector("three", "running", "noop.label", "both")), false);
        awaitState(prefix + "two", "RUNNING");
        awaitState(prefix + "three", "RUNNING");
    }

    @Test
    void deletesOnlyWithPruneAndNeverAHandMadeConnector() throws Exception {
        admin.create(prefix + "by-hand", Map.of("connector.class", NOOP, "tasks.max", "1"), null);
        planAndApply(engine(connector("keep", "running"), connector("drop", "running")), false);
        awaitState(prefix + "keep", "RUNNING");
        awaitState(prefix + "drop", "RUNNING");
        awaitState(prefix + "by-hand", "RUNNING");

        Engine withoutDrop = engine(connector("keep", "running"));
        Plan noPrune = withoutDrop.plan(false, true, 8);
        assertEquals(0, noPrune.count(Action.DELETE));
        withoutDrop.apply(noPrune, 8, Progress.NONE);
        assertTrue(admin.config(prefix + "drop").isPresent(), "removed from the files but no --prune: kept");

        Plan prune = withoutDrop.plan(true, true, 8);
        assertEquals(1, prune.count(Action.DELETE));
        assertEquals(Action.DELETE, changeOf(prune, prefix + "drop").action());
        assertTrue(prune.of(TargetKind.CONNECT).get(0).unmanaged().contains(prefix + "by-hand"));
        assertTrue(withoutDrop.apply(prune, 8, Progress.NONE).ok());
        assertTrue(admin.config(prefix + "drop").isEmpty());
        assertTrue(admin.config(prefix + "by-hand").isPresent(), "a connector made by hand survives prune");
        assertTrue(admin.config(prefix + "keep").isPresent());
        assertFalse(owned(ownership).contains(prefix + "drop"));
        admin.delete(prefix + "by-hand");
    }

    @Test
    void pruneGuardRefusesMassDeletion() throws Exception {
        planAndApply(engine(connector("g1", "running"), connector("g2", "running"), connector("g3", "running")), false);
        for (String g : List.of("g1", "g2", "g3")) {
            awaitState(prefix + g, "RUNNING"); // Connect lists a new connector a moment after creating it
        }
        Plan prune = engine().plan(true, false, 8);
        assertEquals(3, prune.count(Action.DELETE), prune.toString());
        var refused = assertThrows(IllegalStateException.class, () -> Engine.checkDeletionGuard(prune, null, false));
        assertTrue(refused.getMessage().contains("refusing to delete 3"), refused.getMessage());
        Engine.checkDeletionGuard(prune, 3, false);
        Engine.checkDeletionGuard(prune, null, true);
    }

    @Test
    void onlineValidationReportsPerKeyErrorsAndMissingPluginsBeforeAnyWrite() throws Exception {
        String badValue = connector("bad", "running", "noop.fail", "not-a-boolean");
        String missingPlugin = "---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + prefix
                + "ghost}\nspec:\n  class: com.example.GhostSinkConnector\n";
        try (FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            Engine engine = engine(proxy.url(), connector("fine", "running"), badValue, missingPlugin);
            var e = assertThrows(InvalidInputException.class, () -> engine.plan(false, true, 8));
            String all = e.getMessage();
            assertEquals(2, e.diagnostics().size(), all);
            // Each complaint points at the line of the key it is about.
            assertTrue(all.contains("test.yaml:20:5: connector '" + prefix + "bad': spec.config.noop.fail"), all);
            assertTrue(all.contains("test.yaml:27:3: connector '" + prefix + "ghost': plugin 'com.example.GhostSinkConnector'")
                    && all.contains("FileStreamSinkConnector"), all);
            assertTrue(proxy.requests().stream().noneMatch(r -> r.startsWith("POST /connectors") || r.contains("/config ")
                    || r.startsWith("DELETE")), proxy.requests().toString());
        }
        assertTrue(admin.config(prefix + "fine").isEmpty(), "nothing was created");
    }

    @Test
    void bulkReadFailureFallsBackToPerConnectorReads() throws Exception {
        planAndApply(engine(connector("f1", "running"), connector("f2", "paused")), false);
        awaitState(prefix + "f1", "RUNNING");
        awaitState(prefix + "f2", "PAUSED");
        try (FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            proxy.fail(line -> line.contains("expand="), 100, 500, "Failed to find any class that implements Connector");
            Plan plan = engine(proxy.url(), connector("f1", "running"), connector("f2", "paused")).plan(false, false, 8);
            TargetPlan cluster = plan.of(TargetKind.CONNECT).get(0);
            assertTrue(cluster.bulkReadFallback());
            assertNull(cluster.error());
            assertEquals(Action.NONE, changeOf(plan, prefix + "f1").action());
            assertEquals(Action.NONE, changeOf(plan, prefix + "f2").action(), "the state was read per connector too");
        }
    }

    @Test
    void conflictStormsAreRetriedWithBackoffAndOneBrokenConnectorDoesNotStopTheOthers() throws Exception {
        try (FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            Engine engine = engine(proxy.url(), connector("s1", "running"), connector("s2", "running"), connector("s3", "running"));
            Plan plan = engine.plan(false, false, 8);
            // s2's creation is refused for good (a 400 is not retried); every create first meets a 409 storm.
            proxy.fail(request -> request.startsWith("POST /connectors\n") && request.contains("\"name\":\"" + prefix + "s2\""),
                    100, 400, "Connector configuration is invalid");
            proxy.fail(request -> request.startsWith("POST /connectors\n"), 4, 409,
                    "Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.");
            ApplyReport report = engine.apply(plan, 2, Progress.NONE);
            assertEquals(1, report.failures().size(), report.toString());
            assertEquals(prefix + "s2", report.failures().get(0).connector());
            assertTrue(report.failures().get(0).error().contains("HTTP 400"), report.toString());
            assertTrue(admin.config(prefix + "s1").isPresent());
            assertTrue(admin.config(prefix + "s3").isPresent());
            long posts = proxy.requests().stream().filter(r -> r.startsWith("POST /connectors")).count();
            assertEquals(1 + 2 + 4, posts, "s2 once, s1 and s3 once each after the four 409s were retried: " + proxy.requests());
        }
    }

    @Test
    void anUnreachableClusterIsReportedAndDoesNotStopTheOthers(@TempDir Path dir) {
        String yaml = """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: up}
                spec: {url: "%s"}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: down}
                spec: {url: "http://127.0.0.1:1", timeouts: {connect: 1s, request: 2s}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %sup}
                spec: {cluster: up, class: %s}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %sdown}
                spec: {cluster: down, class: %s}
                """.formatted(stack.connectUrl(), prefix, NOOP, prefix, NOOP);
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("multi.yaml", yaml))).declarations(), null);
        Engine engine = new Engine(targets, t -> new ConnectClient(io.connectops.connect.Endpoints.from(t.cluster()),
                new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), 2, Duration.ofSeconds(2))),
                t -> RecordedOwnership.file(dir.resolve("owned.json"), t.name()));
        Plan plan = engine.plan(false, true, 4);
        assertNotNull(plan.of(TargetKind.CONNECT).get(1).error());
        assertTrue(plan.of(TargetKind.CONNECT).get(1).error().contains("127.0.0.1:1"), plan.of(TargetKind.CONNECT).get(1).error());
        assertEquals(1, plan.of(TargetKind.CONNECT).get(0).count(Action.CREATE));
        ApplyReport report = engine.apply(plan, 4, Progress.NONE);
        assertEquals(1, report.clusterErrors().size());
        assertTrue(admin.config(prefix + "up").isPresent());
    }

    /** The connectors of this test that {@code store} says are connectops'. */
    Set<String> owned(OwnershipStore store) {
        var live = admin.readAll();
        Set<String> ours = new java.util.TreeSet<>();
        live.connectors().keySet().stream().filter(n -> n.startsWith(prefix) && store.read(live, admin).of(n).ours()).forEach(ours::add);
        return ours;
    }
}
