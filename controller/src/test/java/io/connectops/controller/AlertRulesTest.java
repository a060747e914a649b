package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/monitoring/rules.yaml: promtool (Debian's prometheus package) checks the rules and runs their unit tests,
 * and every metric they name is exported by a real controller's /metrics after a pass over a Connect cluster and a
 * Kafka cluster.
 */
@ExtendWith(DevStackExtension.class)
class AlertRulesTest {
    static final Path MONITORING = Path.of("..", "deploy", "monitoring").toAbsolutePath().normalize();
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    static String promtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void theRulesParseAndTheirUnitTestsPass() throws Exception {
        String why = "SKIPPED " + getClass().getSimpleName() + ": no promtool (" + PROMTOOL + ") here; .ci/run installs Debian's prometheus package";
        if (!Files.isExecutable(PROMTOOL)) {
            System.err.println(why); // on the console, not only in the Surefire report
        }
        assumeTrue(Files.isExecutable(PROMTOOL), why);
        assertTrue(promtool("check", "rules", "rules.yaml").contains("SUCCESS: 7 rules found"));
        assertTrue(promtool("test", "rules", "rules.test.yaml").contains("SUCCESS"));
    }

    @Test
    void everyMetricTheRulesNameIsExported(DevStack stack, @TempDir Path tmp) throws Exception {
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("connectops_[a-z_]+").matcher(Files.readString(MONITORING.resolve("rules.yaml")));
        while (m.find()) {
            named.add(m.group());
        }
        assertTrue(named.size() >= 7, named.toString());
        String owner = "a" + UUID.randomUUID().toString().substring(0, 6);
        try (GitRepo repo = new GitRepo(tmp.resolve("repo"))) {
            repo.write("connect/clusters.yaml", """
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: local}
                    spec: {url: %s, ownership: {owner: %s}}
                    ---
                    apiVersion: connectops.io/v1alpha1
                    kind: KafkaCluster
                    metadata: {name: main}
                    spec: {bootstrapServers: %s, ownership: {owner: %s}}
                    ---
                    apiVersion: connectops.io/v1alpha1
                    kind: Topic
                    metadata: {name: %s-events}
                    spec: {partitions: 1}
                    """.formatted(stack.connectUrl(), owner, stack.bootstrapServers(), owner, owner)).commit("clusters");
            ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("connect")
                    .interval(Duration.ofMillis(200)).resync(Duration.ofMillis(300)).shutdownTimeout(Duration.ofSeconds(10)).build();
            try (Controller controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"),
                    GitSource.Auth.NONE), null, Clock.systemUTC())) {
                controller.start();
                Await.until("a successful pass over both clusters", Duration.ofSeconds(60), () -> {
                    String metrics = controller.metrics().scrape();
                    return metrics.contains("connectops_cluster_up{cluster=\"kafka/main\"} 1.0")
                            && metrics.contains("connectops_cluster_up{cluster=\"local\"} 1.0")
                            && !metrics.contains("connectops_last_successful_sync_timestamp_seconds 0.0");
                });
                String metrics = controller.metrics().scrape();
                Set<String> exported = new TreeSet<>();
                metrics.lines().filter(l -> !l.startsWith("#")).forEach(l -> exported.add(l.split("[{ ]")[0]));
                Set<String> missing = new TreeSet<>(named);
                missing.removeAll(exported);
                assertTrue(missing.isEmpty(), "named by the rules but not exported: " + missing);
                assertFalse(metrics.contains("connectops_revision_rejected 1.0"));
            }
        }
    }
}
