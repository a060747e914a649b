package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy library (examples/policies, given with --policy) on the real stack: a topic, a connector and a
 * streaming-ops ConfigMap that break it are refused by validate offline, plan and apply, and apply writes nothing; the
 * same files with the rules as Warn print the violations and apply.
 */
@ExtendWith(DevStackExtension.class)
class PoliciesCliTest {
    @Test
    void violationsAreRefusedEverywhereWithNothingWrittenAndWarnRulesPrintAndApply(DevStack stack, @TempDir Path tmp) throws Exception {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 6);
        Path files = Files.createDirectories(tmp.resolve("files"));
        CliTest.writeCluster(files, stack.connectUrl().toString(), tmp.resolve("owned.json"));
        Files.writeString(files.resolve("kafka.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: dev}
                spec: {bootstrapServers: "%s", ownership: {owner: %s}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: %s.big}
                spec: {partitions: 48}
                """.formatted(stack.bootstrapServers(), prefix, prefix));
        Files.writeString(files.resolve("sink.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s-sink}
                spec:
                  class: org.apache.kafka.connect.file.FileStreamSinkConnector
                  config: {topics: %s.big, file: /tmp/%s.txt}
                """.formatted(prefix, prefix, prefix));
        Files.writeString(files.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s-source, labels: {destination: connect}}
                data:
                  source.json: |
                    {"name": "%s-source", "config": {"connector.class": "com.example.UnreviewedSourceConnector", "tasks.max": "1"}}
                """.formatted(prefix, prefix));
        Path library = Path.of("..", "examples", "policies");
        String[] violations = {"kafka.yaml:8:", "Topic " + prefix + ".big violates policy 'topic-limits'",
            "sink.yaml:3:", "Connector " + prefix + "-sink violates policy 'sink-errors'",
            "configmap.yaml:", "Connector " + prefix + "-source violates policy 'connector-classes'"};

        CliTest.Run validate = CliTest.run("validate", "-f", files.toString(), "--policy", library.toString());
        assertEquals(1, validate.code(), validate.out() + validate.err());
        for (String expected : violations) {
            assertTrue(validate.err().contains(expected), expected + " in:\n" + validate.err());
        }
        CliTest.Run plan = CliTest.run("plan", "-f", files.toString(), "--policy", library.toString());
        assertEquals(1, plan.code(), plan.out() + plan.err());
        assertTrue(plan.err().contains("violates policy 'sink-errors'"), plan.err());
        CliTest.Run apply = CliTest.run("apply", "-f", files.toString(), "--policy", library.toString());
        assertEquals(1, apply.code(), apply.out() + apply.err());
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        try (Admin admin = Admin.create(stack.clientConfig())) {
            assertFalse(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(prefix + ".big"), "no topic written");
            assertTrue(connect.connectorNames().stream().noneMatch(name -> name.startsWith(prefix)), "no connector written");

            // The same rules as Warn: printed, and applied.
            Path warn = Files.createDirectories(tmp.resolve("warn"));
            try (var policies = Files.list(library)) {
                for (Path policy : policies.toList()) {
                    Files.writeString(warn.resolve(policy.getFileName()), Files.readString(policy).replace("[Deny]", "[Warn]"));
                }
            }
            Files.delete(files.resolve("sink.yaml"));
            Files.delete(files.resolve("configmap.yaml"));
            CliTest.Run warned = CliTest.run("apply", "-f", files.toString(), "--policy", warn.toString());
            assertEquals(0, warned.code(), warned.out() + warned.err());
            assertTrue(warned.err().contains("warning: ") && warned.err().contains("Topic " + prefix + ".big violates policy 'topic-limits'"),
                    warned.err());
            assertTrue(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(prefix + ".big"), "applied");
        }
    }
}
