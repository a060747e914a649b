package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code connectops sync} processes on one repository and cluster: only the leader acts;
 * {@code kill -9} of the leader and the standby takes over (within 30 s) and applies the next commit.
 */
@ExtendWith(DevStackExtension.class)
class SyncHighAvailabilityTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";
    static final Pattern PORT = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)");

    record Controller(Process process, StringBuffer output, int port) {
    }

    final List<Process> processes = new ArrayList<>();
    final HttpClient web = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
    }

    Controller start(Path repo, Path cache, String bootstrap, String group) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.connectops.cli.Main", "sync", "--repo", repo.toString(),
                "--path", "connect", "--interval", "300ms", "--resync", "1s", "--listen", "127.0.0.1:0", "--cache-dir", cache.toString(),
                "--leader-election-bootstrap-servers", bootstrap, "--leader-election-group", group);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        await("http port of a controller", Duration.ofSeconds(60), () -> PORT.matcher(output).find());
        Matcher matcher = PORT.matcher(output);
        assertTrue(matcher.find());
        return new Controller(process, output, Integer.parseInt(matcher.group(1)));
    }

    JsonNode status(Controller controller) {
        try {
            HttpResponse<String> response = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.port() + "/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return Printer.JSON.readTree(response.body());
        } catch (Exception e) {
            return Printer.JSON.createObjectNode();
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    static String commit(Git git, Path file, String text, String message) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("test", "test@example.com");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }

    @Test
    void onlyTheLeaderActsAndTheStandbyTakesOverAfterKillMinusNine(DevStack stack, @TempDir Path tmp) throws Exception {
        String name = "ha" + UUID.randomUUID().toString().substring(0, 6);
        String group = "test-" + name;
        ConnectClient admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        Path repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("connect"));
            Files.writeString(repo.resolve("connect/cluster.yaml"), """
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: local}
                    spec:
                      url: %s
                      ownership: {kafka: {bootstrapServers: "%s", topic: _connectops-ownership-%s}}
                    """.formatted(stack.connectUrl(), stack.bootstrapServers(), name));
            String connector = """
                    apiVersion: connectops.io/v1alpha1
                    kind: Connector
                    metadata: {name: %s}
                    spec:
                      class: %s
                      config: {noop.label: %s}
                    """;
            commit(git, repo.resolve("connect/c.yaml"), connector.formatted(name, NOOP, "one"), "one");

            Controller a = start(repo, tmp.resolve("cache-a"), stack.bootstrapServers(), group);
            Controller b = start(repo, tmp.resolve("cache-b"), stack.bootstrapServers(), group);
            await("one leader", Duration.ofSeconds(60), () -> status(a).path("leader").asBoolean() != status(b).path("leader").asBoolean());
            Controller leader = status(a).path("leader").asBoolean() ? a : b;
            Controller standby = leader == a ? b : a;
            await("applied by the leader", Duration.ofSeconds(60),
                    () -> "one".equals(admin.config(name).map(c -> c.get("noop.label")).orElse(null)));
            await("standby ready", Duration.ofSeconds(30), () -> status(standby).path("ready").asBoolean());
            assertFalse(status(standby).path("leader").asBoolean());
            assertFalse(status(standby).toString().contains("\"Applied\""), "the standby never acts: " + status(standby));

            leader.process().destroyForcibly(); // SIGKILL: no goodbye to the group
            Instant killed = Instant.now();
            String two = commit(git, repo.resolve("connect/c.yaml"), connector.formatted(name, NOOP, "two"), "two");
            await("the standby takes over", Duration.ofSeconds(30), () -> status(standby).path("leader").asBoolean());
            Duration takeover = Duration.between(killed, Instant.now());
            await("the new leader applies the next commit", Duration.ofSeconds(30),
                    () -> "two".equals(admin.config(name).map(c -> c.get("noop.label")).orElse(null)));
            await("revision recorded", Duration.ofSeconds(30), () -> two.equals(status(standby).path("lastAppliedRevision").asText()));
            System.out.println("standby took over " + takeover.toMillis() + " ms after kill -9");
            CliTest.Run table = CliTest.run("status", "--controller", "http://127.0.0.1:" + standby.port());
            assertEquals(0, table.code(), table.err());
            assertTrue(table.out().contains("controller  leader, ready"), table.out());
            assertTrue(table.out().matches("(?s).*local\\s+" + name + "\\s+Synced\\s+\\w+\\s+0\\s+" + two.substring(0, 12) + ".*"), table.out());
            assertTrue(table.out().contains("Leading"), "the takeover is an event: " + table.out());
            assertTrue(takeover.compareTo(Duration.ofSeconds(30)) < 0);
            assertEquals(1, processes.stream().filter(Process::isAlive).count());
        }
    }
}
