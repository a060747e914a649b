package io.connectops.controller;

import io.connectops.status.Health;
import io.connectops.status.SyncState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.Records;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller following a real Git repository and driving a real embedded Kafka + Connect:
 * commits applied, a bad commit refused, hand-made drift put back, failed connectors healed and
 * given up on, restart tokens, the webhook, and what /status and /metrics say about all of it.
 */
@ExtendWith(DevStackExtension.class)
class ControllerAgainstConnectTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";
    static final String SECRET = "webhook-secret";

    DevStack stack;
    ConnectClient admin;
    Path tmp;
    GitRepo repo;
    String prefix;
    Controller controller;
    HttpEndpoints http;
    FaultProxy proxy;
    final HttpClient web = HttpClient.newHttpClient();

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path tmp) throws Exception {
        this.stack = stack;
        this.tmp = tmp;
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "g" + UUID.randomUUID().toString().substring(0, 6) + "-";
        this.repo = new GitRepo(tmp.resolve("repo"));
        this.proxy = new FaultProxy(stack.connectUrl());
        repo.write("connect/cluster.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: local}
                spec:
                  url: %s
                  ownership: {file: %s}
                """.formatted(proxy.url(), tmp.resolve("owned.json")));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (http != null) {
            http.close();
        }
        if (controller != null) {
            controller.close();
        }
        proxy.close();
        repo.close();
    }

    void start(Duration interval, Duration resync, boolean selfHeal) throws Exception {
        start(interval, resync, selfHeal, List.of());
    }

    void start(Duration interval, Duration resync, boolean selfHeal, List<String> secretsDirs) throws Exception {
        ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("connect")
                .interval(interval).resync(resync).selfHeal(selfHeal)
                .healing(new Healer.Settings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .variables(List.of(), List.of(), secretsDirs, null).shutdownTimeout(Duration.ofSeconds(10)).build();
        controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE),
                null, Clock.systemUTC());
        http = new HttpEndpoints(new InetSocketAddress("127.0.0.1", 0), controller, SECRET);
        http.start();
        controller.start();
    }

    String connector(String name, String label, String extra) {
        return """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s%s}
                spec:
                  class: %s
                  tasksMax: 1
                %s
                  config:
                    noop.label: %s
                """.formatted(prefix, name, NOOP, extra.indent(2).stripTrailing(), label);
    }

    HttpResponse<String> get(String path) throws Exception {
        return web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String status() throws Exception {
        return get("/status").body();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    String label(String name) {
        return admin.config(prefix + name).map(c -> c.get("noop.label")).orElse(null);
    }

    ResourceStatus resource(String name) {
        return controller.status().resources().stream().filter(r -> r.connector().equals(prefix + name)).findFirst().orElse(null);
    }

    long requests(String start) {
        return proxy.requests().stream().filter(r -> r.startsWith(start)).count();
    }

    @Test
    void appliesCommitsRefusesABadOneAndPutsDriftBack() throws Exception {
        String first = repo.write("connect/a.yaml", connector("a", "one", "")).commit("add a");
        start(Duration.ofMillis(200), Duration.ofMillis(500), true);
        await("a created", Duration.ofSeconds(30), () -> "one".equals(label("a")));
        await("ready", Duration.ofSeconds(30), () -> controller.ready());
        assertEquals(200, get("/readyz").statusCode());
        assertEquals(first, controller.status().lastAppliedRevision());
        await("a healthy", Duration.ofSeconds(30), () -> resource("a") != null && resource("a").health() == Health.Healthy);
        assertEquals(SyncState.Synced, resource("a").sync());
        assertEquals(first, resource("a").lastAppliedRevision());

        String bad = repo.write("connect/a.yaml", connector("a", "two", "taskMax: 3")).commit("typo");
        await("bad commit attempted", Duration.ofSeconds(30), () -> bad.equals(controller.status().lastAttemptedRevision()));
        ControllerStatus refused = controller.status();
        assertEquals(first, refused.lastAppliedRevision(), "the previous state stays");
        assertTrue(refused.lastError().contains("commit " + bad.substring(0, 12)), refused.lastError());
        assertTrue(refused.lastError().contains("connect/a.yaml:7:3: unknown field 'spec.taskMax' (did you mean 'tasksMax'?)"),
                refused.lastError());
        awaitPasses(2);
        assertEquals("one", label("a"), "nothing of the bad commit was applied");

        String fixed = repo.write("connect/a.yaml", connector("a", "two", "")).commit("fix");
        await("fixed commit applied", Duration.ofSeconds(30), () -> "two".equals(label("a")));
        await("revision recorded", Duration.ofSeconds(30), () -> fixed.equals(controller.status().lastAppliedRevision()));
        assertEquals(null, controller.status().lastError());

        admin.putConfig(prefix + "a", Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "by-hand"));
        await("config drift put back", Duration.ofSeconds(30), () -> "two".equals(label("a")));
        admin.delete(prefix + "a");
        await("deleted connector recreated", Duration.ofSeconds(30), () -> "two".equals(label("a")));
        await("running again", Duration.ofSeconds(30), () -> admin.status(prefix + "a").map(s -> s.state()).orElse("").equals("RUNNING"));
        admin.pause(prefix + "a");
        // The controller may resume it before a poll here sees PAUSED: wait for its word instead.
        await("pause by hand corrected", Duration.ofSeconds(30), () -> controller.events().all().stream()
                .anyMatch(e -> e.reason().equals("DriftCorrected") && e.message().contains("state paused instead of running")));
        await("resumed", Duration.ofSeconds(30), () -> admin.status(prefix + "a").map(s -> s.state()).orElse("").equals("RUNNING"));

        List<Event> drift = controller.events().all().stream().filter(e -> e.reason().equals("DriftCorrected")).toList();
        assertTrue(drift.stream().anyMatch(e -> e.message().contains("config differs (noop.label)")), drift.toString());
        assertTrue(drift.stream().anyMatch(e -> e.message().contains("missing on the cluster")), drift.toString());
        assertTrue(drift.stream().anyMatch(e -> e.message().contains("state paused instead of running")), drift.toString());

        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("connectops_drift_corrections_total{cluster=\"local\"}"), metrics);
        assertTrue(metrics.contains("connectops_syncs_total{result=\"applied\"}"), metrics);
        assertTrue(metrics.contains("connectops_connectors{cluster=\"local\",health=\"Healthy\"}"), metrics);
        assertTrue(metrics.contains("connectops_rest_calls_total{cluster=\"local\",method=\"GET\",status=\"2xx\"}"), metrics);
        assertTrue(metrics.contains("connectops_apply_operations_total{cluster=\"local\",kind=\"create\",result=\"ok\"}"), metrics);
        String json = status();
        assertTrue(json.contains("\"lastAppliedRevision\" : \"" + fixed + "\""), json);
        assertTrue(json.contains("\"reason\" : \"RevisionRejected\""), json);
    }

    @Test
    void withoutSelfHealDriftIsReportedNotTouched() throws Exception {
        repo.write("connect/a.yaml", connector("a", "one", "")).commit("add a");
        start(Duration.ofMillis(200), Duration.ofMillis(400), false);
        await("a created", Duration.ofSeconds(30), () -> "one".equals(label("a")));
        admin.putConfig(prefix + "a", Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "by-hand"));
        await("reported out of sync", Duration.ofSeconds(30), () -> resource("a") != null && resource("a").sync() == SyncState.OutOfSync);
        assertEquals("by-hand", label("a"));
        assertTrue(controller.events().all().stream().anyMatch(e -> e.reason().equals("OutOfSync")));
        repo.write("connect/a.yaml", connector("a", "three", "")).commit("change");
        await("a new commit is still applied", Duration.ofSeconds(30), () -> "three".equals(label("a")));
    }

    @Test
    void failingConnectorsAreRestartedWithBackoffAndGivenUpOn() throws Exception {
        repo.write("connect/f.yaml", connector("f", "x", "restartPolicy: {maxRetries: 2}").replace("noop.label: x", "noop.label: x\n    noop.fail: \"true\""))
                .write("connect/n.yaml", connector("n", "x", "restartPolicy: {type: Never}").replace("noop.label: x", "noop.label: x\n    noop.fail: \"true\""))
                .commit("failing connectors");
        start(Duration.ofMillis(200), Duration.ofMillis(200), true);
        await("gave up", Duration.ofSeconds(60), () -> resource("f") != null && resource("f").health() == Health.Degraded);
        assertEquals(2, resource("f").restartCount());
        assertTrue(resource("f").message().contains("task 0"), resource("f").message());
        awaitPasses(3);
        String restart = "POST /connectors/" + prefix + "f/restart?includeTasks=true&onlyFailed=true";
        assertEquals(2, requests(restart), "exactly maxRetries restarts: " + proxy.requests().stream().filter(r -> r.startsWith("POST")).toList());
        assertEquals(0, requests("POST /connectors/" + prefix + "n/restart"), "restartPolicy Never");
        await("never: degraded", Duration.ofSeconds(30), () -> resource("n") != null && resource("n").health() == Health.Degraded);
        List<Event> events = controller.events().all();
        assertEquals(2, events.stream().filter(e -> e.reason().equals("Restarted") && e.resource().equals(prefix + "f")).count());
        assertEquals(1, events.stream().filter(e -> e.reason().equals("Degraded") && e.resource().equals(prefix + "f")).count());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("connectops_restarts_total{cluster=\"local\",reason=\"failed\",result=\"ok\"} 2.0"), metrics);
        assertTrue(metrics.contains("connectops_connectors{cluster=\"local\",health=\"Degraded\"} 2.0"), metrics);
    }

    @Test
    void aCommittedSymlinkNeverLeadsOutOfTheCheckoutAndAStackOverflowingCommitDoesNotStopTheLoop() throws Exception {
        repo.write("connect/a.yaml", connector("a", "one", "")).commit("a");
        start(Duration.ofMillis(200), Duration.ofMillis(400), true);
        await("a created", Duration.ofSeconds(30), () -> "one".equals(label("a")));
        Path secret = Files.writeString(tmp.resolve("outside-secret.yaml"), "leaked: hunter2-outside\n");
        Files.createSymbolicLink(repo.dir.resolve("connect/evil.yaml"), secret);
        String evil = repo.commit("a link to a file outside the repository");
        await("link commit attempted", Duration.ofSeconds(30), () -> evil.equals(controller.status().lastAttemptedRevision()));
        String error = String.valueOf(controller.status().lastError());
        assertTrue(error.contains("connect/evil.yaml") && !error.contains("hunter2"), error);
        Files.delete(repo.dir.resolve("connect/evil.yaml"));

        // A jq program deep enough to overflow the stack: refused, and the loop goes on to the fix.
        String deep = "[".repeat(20_000) + "1" + "]".repeat(20_000);
        String bomb = repo.write("connect/bomb.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: bomb, labels: {destination: connect}}
                data:
                  bomb.json: '%s'
                """.formatted(deep)).commit("a pathological jq program");
        await("bomb attempted", Duration.ofSeconds(30), () -> bomb.equals(controller.status().lastAttemptedRevision()));
        assertEquals(200, get("/healthz").statusCode(), "the loop is alive");
        String fixed = repo.delete("connect/bomb.yaml").write("connect/a.yaml", connector("a", "two", "")).commit("fix");
        await("the fix is applied", Duration.ofSeconds(30), () -> "two".equals(label("a")));
        await("recorded", Duration.ofSeconds(30), () -> fixed.equals(controller.status().lastAppliedRevision()));
    }

    @Test
    void aClusterThatCannotValidateForAWhileDelaysACommitButNeverRejectsIt() throws Exception {
        repo.write("connect/a.yaml", connector("a", "one", "")).commit("a");
        start(Duration.ofMillis(200), Duration.ofMillis(400), true);
        await("a created", Duration.ofSeconds(30), () -> "one".equals(label("a")));
        proxy.fail(request -> request.contains("/config/validate"), 4, 500, "Internal Server Error: the worker is unwell");
        String two = repo.write("connect/a.yaml", connector("a", "two", "")).commit("two");
        await("applied once the cluster validates again", Duration.ofSeconds(30), () -> "two".equals(label("a")));
        await("recorded", Duration.ofSeconds(30), () -> two.equals(controller.status().lastAppliedRevision()));
        List<Event> events = controller.events().all();
        assertTrue(events.stream().noneMatch(e -> e.reason().equals("RevisionRejected")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.reason().equals("ValidationDeferred")), events.toString());
    }

    @Test
    void slowClientsNeverStarveTheProbesAndStatusCanRequireAToken() throws Exception {
        repo.write("connect/a.yaml", connector("a", "one", "")).commit("a");
        start(Duration.ofMinutes(10), Duration.ofMinutes(10), true);
        // Twelve connections announce a signed 1 MB webhook body, send two bytes of it, and hold.
        List<java.net.Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", http.port());
                socket.getOutputStream().write(("POST /webhook HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256=00\r\n"
                        + "Content-Length: 1000000\r\n\r\nab").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> health = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), "the probe answers whatever the webhook senders do");
            }
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
        try (HttpEndpoints guarded = new HttpEndpoints(new InetSocketAddress("127.0.0.1", 0), controller, SECRET, "status-token-123")) {
            guarded.start();
            URI status = URI.create("http://127.0.0.1:" + guarded.port() + "/status");
            assertEquals(401, web.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, web.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer status-token-123").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "probes stay open");
        }
        // Closed without a token (the operator, which listens beyond loopback for its probes): nobody reads /status or /api.
        try (HttpEndpoints closed = new HttpEndpoints(new InetSocketAddress("127.0.0.1", 0), controller, SECRET, null, true)) {
            closed.start();
            String base = "http://127.0.0.1:" + closed.port();
            for (String path : List.of("/status", "/api/version", "/api/resource?cluster=x&name=y")) {
                assertEquals(401, web.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode(), path);
            }
            assertEquals(200, web.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), "Prometheus scrapes without a token");
        }
    }

    boolean recorded(String connector) {
        try {
            return Files.exists(tmp.resolve("owned.json")) && Files.readString(tmp.resolve("owned.json")).contains("\"" + connector + "\"");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aConnectorOfUnknownOwnershipIsNeverPrunedAndTheRefusalIsAnEvent() throws Exception {
        repo.write("connect/a.yaml", connector("a", "one", "")).write("connect/b.yaml", connector("b", "one", "")).commit("a and b");
        start(Duration.ofMillis(200), Duration.ofMillis(400), true);
        await("both created", Duration.ofSeconds(30), () -> "one".equals(label("a")) && "one".equals(label("b")));
        // The claims are written after the creates: corrupted before that, the controller would write the record anew.
        await("both recorded", Duration.ofSeconds(30), () -> recorded(prefix + "a") && recorded(prefix + "b"));
        Files.writeString(tmp.resolve("owned.json"), "{ this is not json"); // the ownership record cannot be read any more
        repo.delete("connect/b.yaml").commit("drop b");
        await("refusal reported", Duration.ofSeconds(30), () -> controller.events().all().stream()
                .anyMatch(e -> e.reason().equals("PruneRefused") && String.valueOf(e.message()).contains(prefix + "b")));
        assertEquals("one", label("b"), "unknown ownership: never deleted");
    }

    @Test
    void aConnectorToGiveUpLaterIsGivenUpBeforeAnyPruneAndThenLeftAlone() throws Exception {
        repo.write("connect/a.yaml", connector("a", "one", "")).write("connect/o.yaml", connector("o", "one", "")).commit("a and o");
        start(Duration.ofMillis(200), Duration.ofMillis(300), true);
        await("both created", Duration.ofSeconds(30), () -> "one".equals(label("a")) && "one".equals(label("o")));
        // What the operator does when an Orphan resource had to be released while the cluster could not be reached.
        controller.orphans().disownLater("local", prefix + "o");
        String dropped = repo.delete("connect/o.yaml").commit("drop o");
        await("the commit without o applied", Duration.ofSeconds(30), () -> dropped.equals(controller.status().lastAppliedRevision()));
        long reads = requests("GET /connectors?expand");
        await("three more passes", Duration.ofSeconds(30), () -> requests("GET /connectors?expand") >= reads + 3);
        assertEquals("one", label("o"), "given up before the prune: never deleted");
        assertTrue(controller.events().all().stream().anyMatch(e -> e.reason().equals("Orphaned") && (prefix + "o").equals(e.resource())));
        assertFalse(Files.readString(tmp.resolve("cache/restart-tokens.json")).contains("orphan:"), "done: no longer pending");
        assertEquals(0, requests("DELETE /connectors/" + prefix + "o"));
    }

    @Test
    void addingARestartTokenToARunningConnectorRestartsItOnceAndRemovingItDoesNothing() throws Exception {
        repo.write("connect/r.yaml", connector("r", "x", "")).commit("no token");
        start(Duration.ofMillis(200), Duration.ofMillis(300), true);
        await("created", Duration.ofSeconds(30), () -> "x".equals(label("r")));
        String restart = "POST /connectors/" + prefix + "r/restart?includeTasks=true&onlyFailed=false";
        String added = repo.write("connect/r.yaml", connector("r", "x", "restartToken: \"a\"")).commit("add a token");
        await("token added: applied", Duration.ofSeconds(30), () -> added.equals(controller.status().lastAppliedRevision()));
        await("restarted once", Duration.ofSeconds(30), () -> requests(restart) == 1);
        String removed = repo.write("connect/r.yaml", connector("r", "x", "")).commit("remove the token");
        await("token removed: applied", Duration.ofSeconds(30), () -> removed.equals(controller.status().lastAppliedRevision()));
        long reads = requests("GET /connectors?expand");
        await("three more passes", Duration.ofSeconds(30), () -> requests("GET /connectors?expand") >= reads + 3);
        assertEquals(1, requests(restart), "adding a token restarts once; more passes and removing it restart nothing");
    }

    @Test
    void aNewOffsetsTokenResetsAFileSourceOnceWhichReadsItsFileAgain() throws Exception {
        Path input = tmp.resolve("lines.txt");
        java.nio.file.Files.writeString(input, "one\ntwo\nthree\n");
        String topic = prefix + "lines";
        String file = """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %sfile}
                spec:
                  class: org.apache.kafka.connect.file.FileStreamSourceConnector
                  tasksMax: 1
                  config: {file: %s, topic: %s}
                """.formatted(prefix, input, topic);
        repo.write("connect/file.yaml", file).commit("a file source");
        start(Duration.ofMillis(200), Duration.ofMillis(300), true);
        try (org.apache.kafka.clients.admin.Admin kafka = org.apache.kafka.clients.admin.Admin.create(stack.clientConfig())) {
            await("three lines", Duration.ofSeconds(60), () -> Records.inFirstPartition(kafka, topic) == 3);
            await("its offset committed", Duration.ofSeconds(30), () -> !admin.offsets(prefix + "file").isEmpty());
            String reset = repo.write("connect/file.yaml", file + "  offsets: {token: \"2026-12-02\", reset: true}\n").commit("read it again");
            await("the reset applied", Duration.ofSeconds(30), () -> reset.equals(controller.status().lastAppliedRevision()));
            await("the file read again", Duration.ofSeconds(60), () -> Records.inFirstPartition(kafka, topic) == 6);
            await("recorded in its status", Duration.ofSeconds(30), () -> resource("file") != null
                    && "reset (token '2026-12-02')".equals(resource("file").lastOffsetsChange()));
            assertEquals("RUNNING", admin.status(prefix + "file").orElseThrow().state(), "running again after the reset");
            long reads = requests("GET /connectors?expand");
            await("three more passes", Duration.ofSeconds(30), () -> requests("GET /connectors?expand") >= reads + 3);
            assertEquals(1, requests("DELETE /connectors/" + prefix + "file/offsets"), "one reset per token");
            assertEquals(6, Records.inFirstPartition(kafka, topic));
            assertTrue(controller.status().events().stream().anyMatch(e -> e.reason().equals("OffsetsReset")));
        }
    }


    @Test
    void aChangedRestartTokenRestartsExactlyOnceAndTheWebhookTriggersAFetch() throws Exception {
        repo.write("connect/t.yaml", connector("t", "x", "restartToken: \"1\"")).commit("token 1");
        start(Duration.ofHours(1), Duration.ofMillis(300), true);
        await("created", Duration.ofSeconds(30), () -> "x".equals(label("t")));
        String sha = repo.write("connect/t.yaml", connector("t", "x", "restartToken: \"2\"")).commit("token 2");

        byte[] body = "{\"ref\": \"refs/heads/main\"}".getBytes();
        HttpResponse<String> unsigned = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/webhook"))
                .header("X-Hub-Signature-256", "sha256=00").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode());
        String signature = "sha256=" + HexFormat.of().formatHex(new WebhookVerifier(SECRET).hmac(body));
        HttpResponse<String> signed = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/webhook"))
                .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, signed.statusCode(), signed.body());
        await("webhook fetched the new commit", Duration.ofSeconds(10), () -> sha.equals(controller.status().lastAppliedRevision()));
        awaitPasses(3);
        assertEquals(1, requests("POST /connectors/" + prefix + "t/restart?includeTasks=true&onlyFailed=false"),
                "one restart for one token change");
        HttpResponse<String> gitlab = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/webhook"))
                .header("X-Gitlab-Token", SECRET).POST(HttpRequest.BodyPublishers.ofString("{\"ref\": \"refs/heads/other\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, gitlab.statusCode());
        assertTrue(gitlab.body().contains("ignored"), gitlab.body());
        assertFalse(status().contains(SECRET));
    }

    @Test
    void aResyncWithNothingToDoIsOneBulkRead() throws Exception {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < Integer.getInteger("probe.count", 20); i++) {
            docs.append("---\n").append(connector("r" + i, "x", "state: stopped"));
        }
        repo.write("connect/many.yaml", docs.toString()).commit("many");
        start(Duration.ofMillis(200), Duration.ofMillis(500), true);
        await("ready", Duration.ofSeconds(60), () -> controller.ready());
        int settled = unchanged();
        await("a pass with nothing left to write", Duration.ofSeconds(30), () -> unchanged() > settled);
        proxy.clearRequests();
        int before = unchanged();
        await("three resyncs", Duration.ofSeconds(30), () -> unchanged() >= before + 3);
        List<String> requests = proxy.requests();
        int passes = unchanged() - before;
        assertTrue(requests.size() <= 2 * passes, passes + " passes made " + requests.size() + " calls: "
                + requests.stream().limit(20).toList() + "\nevents: " + controller.events().all().stream().map(Event::toString)
                .filter(e -> !e.startsWith("Applied")).toList());
    }

    @Test
    void aDeletedBranchKeepsTheLastGoodRevisionAndIsReported() throws Exception {
        String good = repo.write("connect/a.yaml", connector("a", "one", "")).commit("add a");
        start(Duration.ofMillis(200), Duration.ofMillis(500), true);
        await("applied", Duration.ofSeconds(30), () -> good.equals(controller.status().lastAppliedRevision()));
        repo.git.branchCreate().setName("elsewhere").call();
        repo.git.checkout().setName("elsewhere").call();
        repo.git.branchDelete().setBranchNames("main").setForce(true).call();
        await("reported", Duration.ofSeconds(30), () -> controller.status().fetchError() != null);
        assertTrue(controller.status().fetchError().contains("branch 'main' does not exist"), controller.status().fetchError());
        assertTrue(controller.events().all().stream().anyMatch(e -> e.reason().equals("FetchFailed")
                && e.message().contains("keeping revision " + good.substring(0, 12))));
        admin.putConfig(prefix + "a", Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "by-hand"));
        await("the last good revision still holds: drift put back", Duration.ofSeconds(30), () -> "one".equals(label("a")));
        assertEquals(good, controller.status().lastAppliedRevision());
    }

    @Test
    void aSlowClusterDoesNotDelayTheOthers() throws Exception {
        try (FaultProxy fast = new FaultProxy(stack.connectUrl())) {
            repo.write("connect/cluster.yaml", """
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: slow}
                    spec:
                      url: %s
                      ownership: {file: %s}
                    ---
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: fast}
                    spec:
                      url: %s
                      ownership: {file: %s}
                    """.formatted(proxy.url(), tmp.resolve("slow.json"), fast.url(), tmp.resolve("fast.json")))
                    .write("connect/s.yaml", connector("s", "x", "cluster: slow"))
                    .write("connect/f.yaml", connector("f", "x", "cluster: fast"))
                    .commit("two clusters");
            start(Duration.ofMillis(200), Duration.ofMillis(300), true);
            await("both applied", Duration.ofSeconds(30), () -> controller.ready());
            proxy.delay(Duration.ofSeconds(6)); // every call to "slow" now takes 6 s more
            awaitPasses(1);
            admin.putConfig(prefix + "f", Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "by-hand"));
            Instant drifted = Instant.now();
            await("drift on the fast cluster put back", Duration.ofSeconds(30), () -> "x".equals(label("f")));
            Duration took = Duration.between(drifted, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "the fast cluster waited for the slow one: " + took);
            proxy.delay(Duration.ZERO);
        }
    }

    @Test
    void secretsFromTheRepositoryReachConnectButNotStatusEventsOrMetrics() throws Exception {
        String secret = "Repo-Secret-Value-42";
        repo.write("secrets/db.properties", "db.password=" + secret + "\n")
                .write("connect/a.yaml", connector("a", "\"jdbc:x://db?password={{ db.password }}\"", ""))
                .commit("a secret");
        proxy.fail(request -> request.startsWith("POST /connectors\n"), 100, 400,
                "Invalid value jdbc:x://db?password=" + secret + " for configuration noop.label");
        start(Duration.ofMillis(200), Duration.ofMillis(300), true, List.of("secrets"));
        await("apply failed", Duration.ofSeconds(30), () -> controller.events().all().stream().anyMatch(e -> e.reason().equals("ApplyFailed")));
        String status = status();
        assertTrue(status.contains("Invalid value (sensitive) for configuration noop.label"), status);
        assertFalse(status.contains(secret), status);
        assertFalse(get("/metrics").body().contains(secret));
        proxy.clearFaults();
        await("applied once Connect accepts it", Duration.ofSeconds(30), () -> label("a") != null);
        assertEquals("jdbc:x://db?password=" + secret, label("a"));
        assertFalse(status().contains(secret));
    }

    @Test
    void healingFollowsItsBackoffNotTheResync() throws Exception {
        repo.write("connect/h.yaml", connector("h", "x", "restartPolicy: {maxRetries: 3}").replace("noop.label: x", "noop.label: x\n    noop.fail: \"true\""))
                .commit("failing");
        start(Duration.ofMillis(200), Duration.ofHours(1), true); // no resync during the test
        await("three restarts, then given up", Duration.ofSeconds(30), () -> resource("h") != null && resource("h").health() == Health.Degraded);
        assertEquals(3, requests("POST /connectors/" + prefix + "h/restart?includeTasks=true&onlyFailed=true"));
    }

    /** Every pass so far, whatever its result. */
    long passes() {
        return controller.metrics().scrape().lines().filter(l -> l.startsWith("connectops_syncs_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Lets {@code n} more passes run: what "nothing happens" is checked against, instead of a fixed wait. */
    void awaitPasses(int n) {
        long before = passes();
        await(n + " more passes", Duration.ofSeconds(30), () -> passes() >= before + n);
    }

    int unchanged() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("connectops_syncs_total\\{result=\"unchanged\"} (\\d+)")
                .matcher(controller.metrics().scrape());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
