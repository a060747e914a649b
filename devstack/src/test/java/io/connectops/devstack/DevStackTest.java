package io.connectops.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's topologies: two workers share tasks, a child worker dies by SIGKILL, a kept data dir survives. */
class DevStackTest {
    private static final Pattern WORKER_ID = Pattern.compile("\"worker_id\":\"([^\"]+)\"");

    @BeforeAll
    static void quiet() {
        KafkaLogging.quiet(false);
    }

    @Test
    void twoWorkersShareTheTasksOfOneConnector() throws Exception {
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(2))) {
            assertEquals(2, stack.connectUrls().size());
            URI url = stack.connectUrl();
            var created = Http.send("POST", url.resolve("/connectors"), """
                    {"name":"spread","config":{"connector.class":"io.connectops.devstack.noop.NoOpSourceConnector","tasks.max":"2"}}""");
            assertEquals(201, created.statusCode(), created.body());
            String status = Http.awaitBody(url.resolve("/connectors/spread/status"),
                    body -> countRunningTasks(body) == 2 && taskWorkers(body).size() == 2, Duration.ofSeconds(30));
            assertEquals(Set.copyOf(stack.connectUrls().stream().map(u -> u.getHost() + ":" + u.getPort()).toList()),
                    taskWorkers(status), status);
        }
    }

    @Test
    void withScramTheWorkersLogInAsTheAdminAndAnonymousClientsAreRefused(@TempDir Path dir) throws Exception {
        try (DevStack stack = DevStack.start(DevStack.Options.scram(1))) {
            Path input = Files.writeString(dir.resolve("lines.txt"), "one\ntwo\n");
            var created = Http.send("POST", stack.connectUrl().resolve("/connectors"), """
                    {"name":"scram-source","config":{"connector.class":"org.apache.kafka.connect.file.FileStreamSourceConnector",
                     "tasks.max":"1","file":"%s","topic":"scram-lines"}}""".formatted(input));
            assertEquals(201, created.statusCode(), created.body());
            Http.awaitBody(stack.connectUrl().resolve("/connectors/scram-source/status"), body -> countRunningTasks(body) == 1,
                    Duration.ofSeconds(30));
            try (var client = org.apache.kafka.clients.admin.Admin.create(stack.clientConfig())) {
                // The worker's producer logged in and wrote: its topic exists, with the two lines.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                long end = 0;
                while (end < 2 && System.nanoTime() < deadline) {
                    if (client.listTopics().names().get().contains("scram-lines")) {
                        var partition = new org.apache.kafka.common.TopicPartition("scram-lines", 0);
                        end = client.listOffsets(java.util.Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                                .partitionResult(partition).get().offset();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                assertEquals(2, end);
            }
            java.util.Map<String, Object> anonymous = java.util.Map.of("bootstrap.servers", stack.bootstrapServers(),
                    "default.api.timeout.ms", "3000", "request.timeout.ms", "2000");
            try (var client = org.apache.kafka.clients.admin.Admin.create(anonymous)) {
                assertThrows(java.util.concurrent.ExecutionException.class, () -> client.listTopics().names().get());
            }
        }
    }

    @Test
    void aKilledChildWorkersTasksMoveToTheSurvivor() throws Exception {
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1))) {
            ChildConnectWorker child = stack.addChildWorker();
            URI url = stack.connectUrl();
            var created = Http.send("POST", url.resolve("/connectors"), """
                    {"name":"survivor","config":{"connector.class":"io.connectops.devstack.noop.NoOpSourceConnector","tasks.max":"4"}}""");
            assertEquals(201, created.statusCode(), created.body());
            String childId = child.restUrl().getHost() + ":" + child.restUrl().getPort();
            Http.awaitBody(url.resolve("/connectors/survivor/status"),
                    body -> countRunningTasks(body) == 4 && taskWorkers(body).contains(childId), Duration.ofSeconds(30));

            child.kill();
            assertFalse(child.isAlive());
            String survivorId = url.getHost() + ":" + url.getPort();
            String after = Http.awaitBody(url.resolve("/connectors/survivor/status"),
                    body -> countRunningTasks(body) == 4 && taskWorkers(body).equals(Set.of(survivorId)), Duration.ofSeconds(60));
            assertTrue(after.contains(survivorId));
        }
    }

    @Test
    void aKeptDataDirectoryBringsConnectorsBack(@TempDir Path dir) throws Exception {
        DevStack.Options options = new DevStack.Options(0, 0, dir, 1);
        try (DevStack stack = DevStack.start(options)) {
            var created = Http.send("POST", stack.connectUrl().resolve("/connectors"), """
                    {"name":"kept","config":{"connector.class":"io.connectops.devstack.noop.NoOpSourceConnector","tasks.max":"1"}}""");
            assertEquals(201, created.statusCode(), created.body());
        }
        assertTrue(Files.exists(dir.resolve("kafka").resolve("meta.properties")));
        try (DevStack stack = DevStack.start(options)) {
            Http.awaitBody(stack.connectUrl().resolve("/connectors"), body -> body.contains("\"kept\""), Duration.ofSeconds(30));
        }
    }

    @Test
    void aTakenPortIsOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var error = assertThrows(Ports.PortTakenException.class,
                    () -> DevStack.start(new DevStack.Options(0, taken.getLocalPort(), null, 1)));
            assertTrue(error.getMessage().contains(Integer.toString(taken.getLocalPort())), error.getMessage());
            assertTrue(error.getMessage().contains("--connect-port"), error.getMessage());
        }
    }

    static int countRunningTasks(String statusJson) {
        int tasks = statusJson.indexOf("\"tasks\"");
        if (tasks < 0) {
            return 0;
        }
        Matcher m = Pattern.compile("\"state\":\"RUNNING\"").matcher(statusJson.substring(tasks));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static Set<String> taskWorkers(String statusJson) {
        Set<String> ids = new TreeSet<>();
        int tasks = statusJson.indexOf("\"tasks\"");
        if (tasks < 0) {
            return ids;
        }
        Matcher m = WORKER_ID.matcher(statusJson.substring(tasks));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
