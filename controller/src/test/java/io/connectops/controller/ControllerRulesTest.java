package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.devstack.junit.Await;
import io.connectops.engine.KafkaSession;
import io.connectops.load.InputFiles;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.Targets;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.ownership.OwnershipStore;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.VariableFiles;
import io.connectops.testing.InMemoryConnect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's rules in milliseconds, on Connect in memory and a desired state in memory: drift put back, tokens
 * acted on once and only on what is connectops' own, healing through the gate, orphans given up before a prune. The
 * same cases run on the real stack in ControllerAgainstConnectTest and WriteGateAgainstConnectTest.
 */
class ControllerRulesTest {
    @TempDir
    Path tmp;
    final InMemoryConnect connect = new InMemoryConnect();
    final io.connectops.testing.InMemoryKafka kafka = new io.connectops.testing.InMemoryKafka("kafka-1");
    final Source source = new Source();
    Controller controller;

    /** Declarations in memory: each {@link #commit} is a new revision. */
    static final class Source implements DesiredSource {
        private final AtomicReference<String> yaml = new AtomicReference<>("");
        private int revision;
        private volatile String sha = "r0";

        void commit(String documents) {
            yaml.set(documents);
            sha = "r" + (++revision);
        }

        String sha() {
            return sha;
        }

        @Override
        public Revision fetch() {
            String current = sha;
            return new Revision() {
                @Override
                public String sha() {
                    return current;
                }

                @Override
                public String message() {
                    return "revision " + current;
                }
            };
        }

        @Override
        public Loaded load(Revision revision, ControllerOptions options, io.connectops.secrets.Redactor redactor) {
            Pipeline.Result result = Pipeline.run(List.of(new InputFiles.Input("memory.yaml", yaml.get())),
                    new Pipeline.Request(List.of(), null, VariableFiles.Sources.environmentOnly(Map.of()), "http://memory:8083", true), redactor);
            return new Loaded(result.targets(), result.warnings());
        }

        @Override
        public String uri() {
            return "memory";
        }

        /** Shared by every controller of the test, as the operator's ConfigMap is by its replicas. */
        final Map<String, String> state = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public StateStore state(ControllerOptions options) {
            return new StateStore() {
                @Override
                public Map<String, String> read() {
                    return new java.util.TreeMap<>(state);
                }

                @Override
                public void write(Map<String, String> written) {
                    state.clear();
                    state.putAll(written);
                }

                @Override
                public String describe() {
                    return "memory";
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** Connect in memory, its ownership marked in the connectors' configs (the default). */
    final class Memory implements TargetClients {
        @Override
        public ConnectApi connect(ConnectClusterSpec cluster, ConnectClient.CallObserver observer, BooleanSupplier leading) {
            return connect;
        }

        @Override
        public OwnershipStore ownership(ConnectClusterSpec cluster) {
            return new MarkerOwnership(null);
        }

        @Override
        public KafkaSession kafka(Targets.KafkaTarget target) {
            return new KafkaSession(target, kafka, kafka.claims);
        }
    }

    void start() {
        start(Duration.ofMillis(20));
    }

    void start(Duration interval) {
        ControllerOptions options = ControllerOptions.builder("memory", tmp.resolve("cache")).interval(interval)
                .resync(interval).selfHeal(true).prune(true).maxDeletions(10)
                .healing(new Healer.Settings(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(60))).build();
        controller = new Controller(options, source, null, Clock.systemUTC(), new Memory());
        controller.start();
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static String connector(String name, String label, String extra) {
        return "---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + name + "}\nspec:\n  class: X\n  tasksMax: 1\n"
                + extra + "  config: {label: " + label + "}\n";
    }

    void awaitApplied() {
        String sha = source.sha();
        Await.until("revision " + sha + " applied", Duration.ofSeconds(10), () -> sha.equals(controller.status().lastAppliedRevision()));
    }

    long calls(String prefix) {
        return connect.log().stream().filter(c -> c.startsWith(prefix)).count();
    }

    void awaitPasses(int n) {
        long reads = calls("GET connectors?expand");
        Await.until(n + " more passes", Duration.ofSeconds(10), () -> calls("GET connectors?expand") >= reads + n);
    }

    @Test
    void driftIsPutBackAndARestartTokenActsOnceOnlyOnConnectopsOwnConnectors() {
        connect.add("theirs", Map.of("connector.class", "X", "tasks.max", "1", "label", "b", MarkerOwnership.KEY, "team-b"));
        source.commit(connector("mine", "a", "  restartToken: \"1\"\n") + connector("theirs", "b", "  restartToken: \"1\"\n"));
        start();
        awaitApplied();
        source.commit(connector("mine", "a", "  restartToken: \"2\"\n") + connector("theirs", "b", "  restartToken: \"2\"\n"));
        awaitApplied();
        Await.until("the refusal is an event", Duration.ofSeconds(10), () -> controller.events().all().stream()
                .anyMatch(e -> e.reason().equals("WriteRefused") && "theirs".equals(e.resource())));
        connect.putConfig("mine", Map.of("connector.class", "X", "tasks.max", "1", "label", "by-hand", MarkerOwnership.KEY, "connectops"));
        Await.until("drift put back", Duration.ofSeconds(10), () -> "a".equals(connect.config("mine").orElseThrow().get("label")));
        awaitPasses(5);
        assertEquals(1, calls("POST restart mine"), "one restart for one token change");
        assertEquals(0, calls("POST restart theirs") + calls("PUT config theirs"), "another owner's connector: no write at all");
    }

    /** The dashboard's view of a connector connectops did not make masks what its plugin calls a password, whatever the key's name. */
    @Test
    void theLiveConfigOfAnUnmanagedConnectorIsMaskedByItsPluginsPasswordKeys() {
        connect.passwordKeys(Set.of("connection.url"));
        connect.add("theirs", Map.of("connector.class", "X", "tasks.max", "1", "connection.url", "s3cr3t-in-a-plain-value"));
        source.commit(connector("mine", "a", ""));
        start();
        awaitApplied();
        ResourceDetail detail = controller.detail("default", "theirs").orElseThrow();
        assertEquals("(sensitive)", detail.live().get("connection.url"), detail.live().toString());
        assertFalse(detail.live().toString().contains("s3cr3t"));
    }

    /** A failing offsets change backs off instead of stopping and resuming the connector at every pass, and says so once. */
    @Test
    void aFailingOffsetsChangeBacksOffAndIsSaidOnce() {
        source.commit(connector("mine", "a", "  offsets: {token: t1, reset: true}\n"));
        start();
        awaitApplied();
        connect.fail(call -> call.equals("DELETE offsets mine"));
        source.commit(connector("mine", "a", "  offsets: {token: t2, reset: true}\n"));
        awaitApplied();
        Await.until("the failure said", Duration.ofSeconds(10), () -> controller.events().all().stream()
                .anyMatch(e -> e.reason().equals("OffsetsFailed") && "mine".equals(e.resource())));
        awaitPasses(20);
        assertEquals(1, calls("DELETE offsets mine"), "tried once, then it waits out its back-off");
        assertEquals(1, calls("PUT stop mine"), "the connector stopped once, not at every pass");
        assertEquals(1, controller.events().all().stream().filter(e -> e.reason().equals("OffsetsFailed")).count());
        assertTrue(controller.status().resources().stream().anyMatch(r -> r.connector().equals("mine")
                && String.valueOf(r.lastOffsetsChange()).contains("tried again in 5 s")), controller.status().resources().toString());
        connect.fail(call -> false);
        Await.until("done once the back-off is over", Duration.ofSeconds(20), () -> controller.events().all().stream()
                .anyMatch(e -> e.reason().equals("OffsetsReset") && "mine".equals(e.resource())));
    }

    @Test
    void aFailedConnectorIsHealedWithinItsPolicyOnlyWhenItIsConnectopsOwn() {
        connect.add("nobodys", Map.of("connector.class", "X", "tasks.max", "1", "label", "n"));
        source.commit(connector("mine", "m", "  restartPolicy: {maxRetries: 2}\n") + connector("nobodys", "n", ""));
        start();
        awaitApplied();
        connect.setState("mine", "FAILED");
        connect.setState("nobodys", "FAILED");
        Await.until("gave up after 2 restarts", Duration.ofSeconds(10), () -> controller.events().all().stream()
                .anyMatch(e -> e.reason().equals("Degraded") && "mine".equals(e.resource())));
        awaitPasses(3);
        assertEquals(2, calls("POST restart mine"), "exactly maxRetries restarts");
        assertEquals(0, calls("POST restart nobodys"), "nobody's connector is never healed");
        ResourceStatus status = controller.status().resources().stream().filter(r -> r.connector().equals("nobodys")).findFirst().orElseThrow();
        assertTrue(status.message() == null || status.message().contains("not restarted"), String.valueOf(status.message()));
    }

    @Test
    void anOrphanToGiveUpIsGivenUpBeforeThePruneOfTheCommitThatDropsIt() {
        source.commit(connector("keep", "k", "") + connector("gone", "g", ""));
        start();
        awaitApplied();
        controller.orphans().disownLater(null, "keep");
        source.commit(connector("gone", "g", ""));
        awaitApplied();
        awaitPasses(3);
        assertTrue(connect.config("keep").isPresent(), "given up before the prune: never deleted");
        assertEquals(null, connect.config("keep").orElseThrow().get(MarkerOwnership.KEY), "no longer marked as connectops'");
        assertEquals(0, calls("DELETE keep"));
    }

    /** Leadership a test hands from one controller to another. */
    static final class Baton implements Leadership {
        volatile boolean leading;

        @Override
        public boolean isLeader() {
            return leading;
        }

        @Override
        public boolean alive() {
            return true;
        }

        @Override
        public String describe() {
            return "baton";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aNewLeaderGivesUpWhatTheLastLeaderPromisedBeforeAnyPrune() {
        source.commit(connector("keep", "k", "") + connector("gone", "g", ""));
        ControllerOptions options = ControllerOptions.builder("memory", tmp.resolve("cache-a")).interval(Duration.ofMillis(20))
                .resync(Duration.ofMillis(20)).prune(true).maxDeletions(10).build();
        Baton a = new Baton();
        Baton b = new Baton();
        a.leading = true;
        controller = new Controller(options, source, a, Clock.systemUTC(), new Memory());
        Controller standby = new Controller(ControllerOptions.builder("memory", tmp.resolve("cache-b")).interval(Duration.ofMillis(20))
                .resync(Duration.ofMillis(20)).prune(true).maxDeletions(10).build(), source, b, Clock.systemUTC(), new Memory());
        try {
            controller.start();
            standby.start();
            awaitApplied();
            controller.orphans().disownLater(null, "keep"); // the Kubernetes object was released while the cluster was down
            // The leader goes (its pod and its cache directory with it); the standby leads, and the commit drops "keep".
            a.leading = false;
            controller.leadershipChanged();
            controller.close();
            controller = standby;
            b.leading = true;
            standby.leadershipChanged();
            source.commit(connector("gone", "g", ""));
            awaitApplied();
            awaitPasses(3);
            assertTrue(connect.config("keep").isPresent(), "the promise outlived its leader: never deleted");
            assertEquals(null, connect.config("keep").orElseThrow().get(MarkerOwnership.KEY), "given up by the new leader");
            assertEquals(0, calls("DELETE keep"));
        } finally {
            standby.close();
        }
    }

    @Test
    void aWebhookTooSoonAfterTheLastOneIsFetchedWhenTheIntervalEndsNotDropped() {
        source.commit(connector("w", "1", ""));
        start(Duration.ofHours(1)); // no polling: only webhooks fetch
        awaitApplied();
        source.commit(connector("w", "2", ""));
        controller.requestSync();
        awaitApplied();
        source.commit(connector("w", "3", "")); // pushed again within the webhook interval
        controller.requestSync();
        awaitApplied();
        assertEquals("3", connect.config("w").orElseThrow().get("label"));
    }

    static final String KAFKA = "---\napiVersion: connectops.io/v1alpha1\nkind: KafkaCluster\nmetadata: {name: k}\n"
            + "spec: {bootstrapServers: 'memory:9092'}\n";

    static String topic(String name) {
        return "---\napiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {partitions: 1}\n";
    }

    static String acl(String principal) {
        return "---\napiVersion: connectops.io/v1alpha1\nkind: Acl\nmetadata: {name: a}\nspec:\n  principal: " + principal
                + "\n  rules: [{resource: topic, name: t, operations: [read]}]\n";
    }

    @Test
    void everyKafkaKindToGiveUpLaterIsGivenUpBeforeThePruneAndAnotherOwnersIsNotReleased() {
        source.commit(KAFKA + topic("kept") + topic("gone") + acl("User:kept"));
        start();
        awaitApplied();
        assertTrue(kafka.listTopics().contains("kept") && !kafka.acls("User:kept").isEmpty());
        controller.orphans().disownKafkaLater(null, "topic/kept");
        controller.orphans().disownKafkaLater(null, "acl/User:kept");
        source.commit(KAFKA); // drops all three: prune deletes only "gone"
        awaitApplied();
        Await.until("gone pruned", Duration.ofSeconds(10), () -> !kafka.listTopics().contains("gone"));
        Await.until("both given up", Duration.ofSeconds(10), () -> controller.events().all().stream()
                .filter(e -> e.reason().equals("Orphaned")).count() == 2);
        assertTrue(kafka.listTopics().contains("kept"), "the topic given up is never deleted");
        assertFalse(kafka.acls("User:kept").isEmpty(), "the ACL set given up is never deleted");
    }
}
