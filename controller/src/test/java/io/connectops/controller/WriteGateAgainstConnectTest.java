package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.devstack.junit.Records;
import io.connectops.ownership.MarkerOwnership;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write gate on the real stack, under {@code connectops sync} with the default owner: a connector another owner
 * (team-b) made, or nobody claims, is declared in the followed repository with offsets and restart tokens and fails;
 * none of the follow-ups writes to it, and each refusal is an event.
 */
@ExtendWith(DevStackExtension.class)
class WriteGateAgainstConnectTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";

    DevStack stack;
    ConnectClient admin;
    Path tmp;
    GitRepo repo;
    String prefix;
    Controller controller;
    FaultProxy proxy;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path tmp) throws Exception {
        this.stack = stack;
        this.tmp = tmp;
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "w" + UUID.randomUUID().toString().substring(0, 6) + "-";
        this.repo = new GitRepo(tmp.resolve("repo"));
        this.proxy = new FaultProxy(stack.connectUrl());
        // The default ownership: a marker in each connector's config, under the default owner id.
        repo.write("connect/cluster.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: local}
                spec: {url: %s}
                """.formatted(proxy.url()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (controller != null) {
            controller.close();
        }
        proxy.close();
        repo.close();
    }

    void start() throws Exception {
        ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("connect")
                .interval(Duration.ofMillis(200)).resync(Duration.ofMillis(300)).selfHeal(true)
                .healing(new Healer.Settings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .shutdownTimeout(Duration.ofSeconds(10)).build();
        controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE),
                null, Clock.systemUTC());
        controller.start();
    }

    long requests(String start) {
        return proxy.requests().stream().filter(r -> r.startsWith(start)).count();
    }

    /** Every write the controller sent for {@code connector}: nothing but reads is allowed on what is not its own. */
    List<String> writesTo(String connector) {
        return proxy.requests().stream().filter(r -> !r.startsWith("GET") && r.contains("/connectors/" + connector)).toList();
    }

    boolean refused(String connector, String words) {
        return controller.events().all().stream().anyMatch(e -> e.reason().equals("WriteRefused") && connector.equals(e.resource())
                && String.valueOf(e.message()).contains(words));
    }

    void awaitPasses(int n) {
        long reads = requests("GET /connectors?expand");
        Await.until(n + " more passes", Duration.ofSeconds(30), () -> requests("GET /connectors?expand") >= reads + n);
    }

    @Test
    void anotherOwnersConnectorIsNeitherResetNorRestartedByTokensInTheFollowedRepository() throws Exception {
        Path input = tmp.resolve("lines.txt");
        Files.writeString(input, "one\ntwo\nthree\n");
        String name = prefix + "file";
        String topic = prefix + "lines";
        Map<String, String> config = new HashMap<>(Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max", "1", "file", input.toString(), "topic", topic, MarkerOwnership.KEY, "team-b"));
        admin.create(name, config, "RUNNING"); // team-b's, made by its own connectops
        try (Admin kafka = Admin.create(stack.clientConfig())) {
            Await.until("three lines", Duration.ofSeconds(60), () -> Records.inFirstPartition(kafka, topic) == 3);
            Await.until("its offset committed", Duration.ofSeconds(30), () -> !admin.offsets(name).isEmpty());
            String declared = """
                    apiVersion: connectops.io/v1alpha1
                    kind: Connector
                    metadata: {name: %s}
                    spec:
                      class: org.apache.kafka.connect.file.FileStreamSourceConnector
                      tasksMax: 1
                      config: {file: %s, topic: %s}
                    """.formatted(name, input, topic);
            repo.write("connect/file.yaml", declared + "  restartToken: \"1\"\n  offsets: {token: t1, reset: true}\n").commit("declared");
            start();
            awaitPasses(2);
            String tokens = repo.write("connect/file.yaml", declared + "  restartToken: \"2\"\n  offsets: {token: t2, reset: true}\n")
                    .commit("new tokens");
            Await.until("the new tokens applied", Duration.ofSeconds(30), () -> tokens.equals(controller.status().lastAppliedRevision()));
            Await.until("the refusals are events", Duration.ofSeconds(30), () -> refused(name, "offsets token 't2'")
                    && refused(name, "restartToken '2'"));
            awaitPasses(3);
            assertEquals(List.of(), writesTo(name), "no write of any kind on team-b's connector");
            assertEquals(3, Records.inFirstPartition(kafka, topic), "its records were not emitted again");
            assertEquals("team-b", admin.config(name).orElseThrow().get(MarkerOwnership.KEY));
            assertEquals("RUNNING", admin.status(name).orElseThrow().state());
            assertTrue(controller.events().all().stream().filter(e -> e.reason().equals("WriteRefused")).allMatch(e ->
                    String.valueOf(e.message()).contains("owner 'team-b'")));
            assertEquals(1, controller.events().all().stream().filter(e -> e.reason().equals("WriteRefused")
                    && String.valueOf(e.message()).contains("offsets")).count(), "one event per refusal, not one per pass");
        }
    }

    @Test
    void failingConnectorsOfAnotherOwnerOrOfNobodyAreNotHealed() throws Exception {
        String theirs = prefix + "theirs";
        String nobodys = prefix + "nobodys";
        admin.create(theirs, Map.of("connector.class", NOOP, "tasks.max", "1", "noop.fail", "true", MarkerOwnership.KEY, "team-b"), "RUNNING");
        admin.create(nobodys, Map.of("connector.class", NOOP, "tasks.max", "1", "noop.fail", "true"), "RUNNING");
        String declared = """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s}
                spec:
                  class: %s
                  tasksMax: 1
                  restartPolicy: {maxRetries: 5}
                  config: {noop.fail: "true"}
                """;
        repo.write("connect/theirs.yaml", declared.formatted(theirs, NOOP)).write("connect/nobodys.yaml", declared.formatted(nobodys, NOOP))
                .commit("failing connectors made by others");
        start();
        Await.until("both refusals are events", Duration.ofSeconds(60), () -> refused(theirs, "restart (healing)")
                && refused(nobodys, "restart (healing)"));
        awaitPasses(5);
        assertEquals(0, requests("POST /connectors/" + theirs + "/restart"), "another owner's connector is never healed");
        assertEquals(0, requests("POST /connectors/" + nobodys + "/restart"), "nobody's connector is never healed");
        ResourceStatus status = controller.status().resources().stream().filter(r -> r.connector().equals(theirs)).findFirst().orElseThrow();
        assertTrue(status.message().contains("not restarted") && status.message().contains("owner 'team-b'"), status.message());
        assertEquals(0, status.restartCount());
    }
}
