package io.connectops.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.RetryPolicy;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.engine.Engine;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.plan.Action;
import io.connectops.plan.Plan;
import io.connectops.validate.OfflineValidator;
import io.connectops.model.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ownership rules on two real clusters, A (the shared stack) and B (its own broker and worker): a
 * record made for one cluster is never used for another, claims follow facts, unknown is never
 * deleted, and concurrent writers lose no claim.
 */
@ExtendWith(DevStackExtension.class)
class OwnershipAgainstConnectTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";
    static DevStack clusterB;

    DevStack clusterA;
    ConnectClient adminA;
    ConnectClient adminB;
    String prefix;
    Path dir;

    @BeforeAll
    static void startSecondCluster() {
        clusterB = DevStack.start(DevStack.Options.ephemeral(1));
    }

    @AfterAll
    static void stopSecondCluster() {
        clusterB.close();
    }

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path dir) {
        this.clusterA = stack;
        this.dir = dir;
        this.adminA = new ConnectClient(ConnectEndpoint.of("a", stack.connectUrl()));
        this.adminB = new ConnectClient(ConnectEndpoint.of("b", clusterB.connectUrl()));
        this.prefix = "o" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    String connector(String name) {
        return "---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + prefix + name
                + "}\nspec: {class: " + NOOP + ", tasksMax: 1}\n";
    }

    Engine engine(URI url, Function<Targets.ClusterTarget, OwnershipStore> ownership, String... documents) {
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("test.yaml",
                String.join("", documents)))).declarations(), url.toString());
        return new Engine(targets, t -> new ConnectClient(ConnectEndpoint.of(t.name(), url), RetryPolicy.DEFAULT), ownership);
    }

    /** The marker store the way a user gets it: the default owner id. Tests on the shared cluster use their own names. */
    static Function<Targets.ClusterTarget, OwnershipStore> defaultStore() {
        return t -> OwnershipStores.forCluster(t.cluster());
    }

    ApplyReport apply(Engine engine, boolean prune) {
        Plan plan = engine.plan(prune, false, 4);
        return engine.apply(plan, 4, Progress.NONE);
    }

    static void assertOk(ApplyReport report) {
        assertTrue(report.ok(), report.toString());
    }

    /** Waits until the bulk read shows the connector (Connect's expanded list trails a create for a moment). */
    static void awaitListed(ConnectClient admin, String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!admin.readAll().connectors().containsKey(name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " was never listed");
            }
            Thread.sleep(50);
        }
    }

    void handMade(ConnectClient admin, String name) throws InterruptedException {
        admin.create(prefix + name, Map.of("connector.class", NOOP, "tasks.max", "1"), null);
        awaitListed(admin, prefix + name);
    }

    @Test
    void aPruneOnClusterBNeverDeletesBsHandMadeConnectorOfTheSameNameTheMarkerStore() throws Exception {
        // apply -f both.yaml --connect-url A; someone makes orders-sink by hand on B; apply -f keep.yaml --connect-url B --prune
        assertOk(apply(engine(clusterA.connectUrl(), defaultStore(), connector("orders-sink"), connector("keep")), false));
        awaitListed(adminA, prefix + "orders-sink");
        awaitListed(adminA, prefix + "keep");
        handMade(adminB, "orders-sink");

        Plan onB = engine(clusterB.connectUrl(), defaultStore(), connector("keep")).plan(true, false, 4);
        assertEquals(0, onB.count(Action.DELETE), onB.toString());
        assertTrue(onB.of(io.connectops.plan.TargetKind.CONNECT).get(0).unmanaged().contains(prefix + "orders-sink"));
        assertOk(apply(engine(clusterB.connectUrl(), defaultStore(), connector("keep")), true));
        assertTrue(adminB.config(prefix + "orders-sink").isPresent(), "B's hand-made connector survives");
        assertTrue(adminA.config(prefix + "orders-sink").isPresent());
        cleanUp();
    }

    @Test
    void aFileRecordMadeForClusterAIsNeverUsedForClusterBUnderTheSameName() throws Exception {
        // Both runs name their cluster "default" (--connect-url) and share one file: the record is bound to A's id.
        Function<Targets.ClusterTarget, OwnershipStore> file = t -> RecordedOwnership.file(dir.resolve("owned.json"), t.name());
        assertOk(apply(engine(clusterA.connectUrl(), file, connector("orders-sink"), connector("keep")), false));
        awaitListed(adminA, prefix + "orders-sink");
        awaitListed(adminA, prefix + "keep");
        handMade(adminB, "orders-sink");

        Plan onB = engine(clusterB.connectUrl(), file, connector("keep")).plan(true, false, 4);
        assertEquals(0, onB.count(Action.DELETE), onB.toString());
        assertEquals(List.of(prefix + "orders-sink"), onB.of(io.connectops.plan.TargetKind.CONNECT).get(0).ownershipUnknown(), "recorded for another cluster: unknown " + onB + Files.readString(dir.resolve("owned.json")));
        assertTrue(onB.hasErrors(), "a prune that meets unknown ownership is refused, not silently skipped");
        assertTrue(onB.summary().contains("prune refused"), onB.summary());
        Engine onBEngine = engine(clusterB.connectUrl(), file, connector("keep"));
        ApplyReport report = apply(onBEngine, true);
        assertTrue(adminB.config(prefix + "orders-sink").isPresent(), "B's hand-made connector survives: " + report);

        // On A the same record is A's: the prune there deletes A's orders-sink only.
        assertOk(apply(engine(clusterA.connectUrl(), file, connector("keep")), true));
        assertTrue(adminA.config(prefix + "orders-sink").isEmpty());
        assertTrue(adminB.config(prefix + "orders-sink").isPresent());
        cleanUp();
    }

    @Test
    void aKafkaTopicRecordIsBoundToTheClusterIdToo() throws Exception {
        String topic = "_connectops-ownership-" + prefix;
        Function<Targets.ClusterTarget, OwnershipStore> kafka = t -> RecordedOwnership.kafka(clusterA.bootstrapServers(), topic, Map.of(), Set.of(), t.name());
        assertOk(apply(engine(clusterA.connectUrl(), kafka, connector("orders-sink")), false));
        awaitListed(adminA, prefix + "orders-sink");
        handMade(adminB, "orders-sink");
        Plan onB = engine(clusterB.connectUrl(), kafka).plan(true, false, 4);
        assertEquals(0, onB.count(Action.DELETE));
        assertEquals(List.of(prefix + "orders-sink"), onB.of(io.connectops.plan.TargetKind.CONNECT).get(0).ownershipUnknown());
        Plan onA = engine(clusterA.connectUrl(), kafka).plan(true, false, 4);
        assertEquals(1, onA.count(Action.DELETE), "A's own record still says A's connector is ours");
        cleanUp();
    }

    @Test
    void aRecordStoreLeavesAConnectorMarkedByAnotherConnectopsAlone() throws Exception {
        // One repository uses the marker (owner 'team-a'), another a file on the same cluster: the file's run
        // never strips the marker, never claims or prunes the connector.
        assertOk(apply(engine(clusterA.connectUrl(), t -> new MarkerOwnership("team-a"), connector("shared")), false));
        awaitListed(adminA, prefix + "shared");
        Function<Targets.ClusterTarget, OwnershipStore> file = t -> RecordedOwnership.file(dir.resolve("owned.json"), t.name());
        Plan plan = engine(clusterA.connectUrl(), file, connector("shared").replace("tasksMax: 1", "tasksMax: 2")).plan(true, false, 4);
        var change = plan.of(io.connectops.plan.TargetKind.CONNECT).get(0).changes().get(0);
        assertEquals(Action.NONE, change.action(), plan.toString());
        assertEquals(Owner.other("team-a"), change.owner());
        assertTrue(plan.of(io.connectops.plan.TargetKind.CONNECT).get(0).notManaged() >= 1, "counted as not managed");
        assertEquals("team-a", adminA.config(prefix + "shared").orElseThrow().get(MarkerOwnership.KEY));
        cleanUp();
    }

    @Test
    void aFreshStoreSeesTheSameOwnershipAsTheRunThatCreated() throws Exception {
        // The marker lives on the cluster: a new run (another directory, machine, CI checkout) needs no local state.
        assertOk(apply(engine(clusterA.connectUrl(), t -> new MarkerOwnership(owner()), connector("made")), false));
        awaitListed(adminA, prefix + "made");
        handMade(adminA, "by-hand");
        OwnershipStore fresh = new MarkerOwnership(owner());
        var live = adminA.readAll();
        Ownership seen = fresh.read(live, adminA);
        assertEquals(Owner.CONNECTOPS, seen.of(prefix + "made"));
        assertEquals(Owner.NONE, seen.of(prefix + "by-hand"));
        assertEquals(Owner.Kind.OTHER, new MarkerOwnership("someone-else").read(live, adminA).of(prefix + "made").kind(),
                "another owner id (another repository) does not own it");
        cleanUp();
    }

    String owner() {
        return prefix.substring(0, prefix.length() - 1);
    }

    @Test
    void aFailedCreateLeavesNoClaimAndALaterHandMadeConnectorIsNotPruned() throws Exception {
        Function<Targets.ClusterTarget, OwnershipStore> file = t -> RecordedOwnership.file(dir.resolve("owned.json"), t.name());
        try (FaultProxy proxy = new FaultProxy(clusterA.connectUrl())) {
            proxy.fail(r -> r.startsWith("POST /connectors\n"), 1, 400, "Connector configuration is invalid");
            ApplyReport failed = apply(engine(proxy.url(), file, connector("doomed")), false);
            assertEquals(1, failed.failures().size(), failed.toString());
        }
        RecordedOwnership store = RecordedOwnership.file(dir.resolve("owned.json"), "default");
        assertEquals(Owner.NONE, store.check(prefix + "doomed", adminA), "no claim for a create that failed");
        handMade(adminA, "doomed");
        Plan prune = engine(clusterA.connectUrl(), file).plan(true, false, 4);
        assertFalse(prune.of(io.connectops.plan.TargetKind.CONNECT).get(0).changes().stream().anyMatch(c -> c.action() == Action.DELETE), prune.toString());
        cleanUp();
    }

    @Test
    void aCreateThatMeetsSomeoneElsesConnectorReportsItAndLeavesItAlone() throws Exception {
        Engine engine = engine(clusterA.connectUrl(), t -> new MarkerOwnership(owner()), connector("race"));
        Plan plan = engine.plan(false, false, 4);
        assertEquals(1, plan.count(Action.CREATE));
        // Between plan and apply, someone makes it by hand with another config.
        adminA.create(prefix + "race", Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "theirs"), null);
        ApplyReport report = engine.apply(plan, 4, Progress.NONE);
        assertEquals(1, report.failures().size(), report.toString());
        assertTrue(report.failures().get(0).error().contains("already exists and is not connectops'"), report.toString());
        Map<String, String> config = adminA.config(prefix + "race").orElseThrow();
        assertEquals("theirs", config.get("noop.label"), "not overwritten");
        assertFalse(config.containsKey(MarkerOwnership.KEY), "not taken over");
        cleanUp();
    }

    @Test
    void ownershipThatCannotBeReadIsUnknownAndAPruneRefusesIt() throws Exception {
        Path broken = dir.resolve("owned.json");
        Function<Targets.ClusterTarget, OwnershipStore> file = t -> RecordedOwnership.file(broken, t.name());
        assertOk(apply(engine(clusterA.connectUrl(), file, connector("mine")), false));
        awaitListed(adminA, prefix + "mine");
        Files.writeString(broken, "{ not json");
        Plan prune = engine(clusterA.connectUrl(), file).plan(true, false, 4);
        assertEquals(0, prune.count(Action.DELETE));
        assertNotNull(prune.of(io.connectops.plan.TargetKind.CONNECT).get(0).ownershipProblem());
        assertTrue(prune.of(io.connectops.plan.TargetKind.CONNECT).get(0).ownershipUnknown().contains(prefix + "mine"));
        assertTrue(prune.hasErrors());
        assertEquals(Owner.Kind.UNKNOWN, RecordedOwnership.file(broken, "default").read(adminA.readAll(), adminA).of(prefix + "mine").kind());
        cleanUp();
    }

    @Test
    void aClaimForAConnectorDeletedByHandIsReleasedSoItsNameIsNotTakenForOursLater() throws Exception {
        Path file = dir.resolve("owned.json");
        String id = RecordedOwnership.kafkaClusterId(adminA);
        // A claim made long ago for a connector someone deleted by hand since.
        Files.writeString(file, "{\"version\":2,\"clusters\":{\"default\":{\"" + id + "\":{\"" + prefix + "gone\":\"2020-01-01T00:00:00Z\"}}}}");
        Function<Targets.ClusterTarget, OwnershipStore> store = t -> RecordedOwnership.file(file, t.name());
        Engine engine = engine(clusterA.connectUrl(), store, connector("other"));
        Plan plan = engine.plan(false, false, 4);
        assertEquals(List.of(prefix + "gone"), plan.of(io.connectops.plan.TargetKind.CONNECT).get(0).staleClaims());
        assertTrue(engine.apply(plan, 4, Progress.NONE).ok());
        handMade(adminA, "gone");
        assertEquals(Owner.NONE, RecordedOwnership.file(file, "default").check(prefix + "gone", adminA));
        cleanUp();
    }

    @Test
    void twoProcessesWritingClaimsAtOnceLoseNone() throws Exception {
        Path file = dir.resolve("owned.json");
        List<Process> writers = new ArrayList<>();
        for (String who : List.of("p", "q")) {
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ClaimWriterMain.class.getName(),
                    file.toString(), "cluster-id", who, "40").inheritIO().start());
        }
        FileClaimLog log = new FileClaimLog(file);
        for (int i = 0; i < 40; i++) {
            log.write("main", "cluster-id", List.of("r" + i), true);
        }
        for (Process writer : writers) {
            assertEquals(0, writer.waitFor());
        }
        Set<String> names = new TreeSet<>();
        log.read("main").forEach(c -> names.add(c.connector()));
        assertEquals(120, names.size(), names.toString());
    }

    void cleanUp() {
        for (ConnectClient admin : List.of(adminA, adminB)) {
            admin.connectorNames().stream().filter(n -> n.startsWith(prefix)).forEach(admin::delete);
        }
    }
}
