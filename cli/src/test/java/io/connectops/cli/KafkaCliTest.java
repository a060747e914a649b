package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Topics from the command line: --bootstrap-server, plan / apply exit codes, JSON, status, a refused decrease. */
@ExtendWith(DevStackExtension.class)
class KafkaCliTest {
    @Test
    void planApplyAndStatusOfTopicsWithTheirExitCodes(DevStack stack, @TempDir Path dir) throws Exception {
        String prefix = "q" + UUID.randomUUID().toString().substring(0, 6);
        Path files = Files.createDirectories(dir.resolve("kafka"));
        Path topics = files.resolve("topics.yaml");
        String yaml = """
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: %s-orders}
                spec: {partitions: %d, config: {retention.ms: "3600000"}}
                """;
        Files.writeString(topics, yaml.formatted(prefix, 2));
        String bootstrap = stack.bootstrapServers();

        CliTest.Run plan = CliTest.run("plan", "-f", files.toString(), "--bootstrap-server", bootstrap);
        assertEquals(2, plan.code(), plan.err());
        assertTrue(plan.out().contains("+ topic " + prefix + "-orders will be created"), plan.out());

        CliTest.Run apply = CliTest.run("apply", "-f", files.toString(), "--bootstrap-server", bootstrap);
        assertEquals(0, apply.code(), apply.out() + apply.err());
        assertTrue(apply.out().contains("default/topic/" + prefix + "-orders: created"), apply.out());

        CliTest.Run again = CliTest.run("plan", "-f", files.toString(), "--bootstrap-server", bootstrap, "-o", "json");
        assertEquals(0, again.code(), again.out() + again.err());
        JsonNode json = new ObjectMapper().readTree(again.out());
        assertEquals("none", json.at("/kafkaClusters/0/changes/0/action").asText(), again.out());
        assertEquals("connectops", json.at("/kafkaClusters/0/changes/0/owner").asText());

        CliTest.Run status = CliTest.run("status", "-f", files.toString(), "--bootstrap-server", bootstrap);
        assertTrue(status.out().contains("topic/" + prefix + "-orders") && status.out().contains("Synced"), status.out());

        Files.writeString(topics, yaml.formatted(prefix, 1));
        CliTest.Run decrease = CliTest.run("apply", "-f", files.toString(), "--bootstrap-server", bootstrap);
        assertEquals(1, decrease.code());
        assertTrue(decrease.err().contains("topics.yaml:3:") && decrease.err().contains("partitions 2 -> 1 is a decrease"), decrease.err());
        assertFalse(decrease.out().contains("created"), "nothing applied");
    }

    @Test
    void anAdoptedHandMadeTopicIsPrunedAndAProtectedOneIsNotAdopted(DevStack stack, @TempDir Path dir) throws Exception {
        String prefix = "a" + UUID.randomUUID().toString().substring(0, 6);
        Path files = Files.createDirectories(dir.resolve("kafka"));
        Files.writeString(files.resolve("cluster.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: dev}
                spec: {bootstrapServers: "%s", ownership: {owner: %s}}
                """.formatted(stack.bootstrapServers(), prefix));
        java.util.Map<String, Object> props = java.util.Map.of("bootstrap.servers", stack.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(prefix + "-legacy", 1, (short) 1)))
                    .all().get(10, java.util.concurrent.TimeUnit.SECONDS);
            CliTest.Run before = CliTest.run("plan", "-f", files.toString(), "--prune");
            assertEquals(0, before.code(), before.out() + before.err());
            assertFalse(before.out().contains("- topic " + prefix + "-legacy"), "hand-made: not pruned");

            CliTest.Run refused = CliTest.run("adopt", "-f", files.toString(), "topic/_schemas-" + prefix, "topic/" + prefix + "-legacy");
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("does not exist") && refused.err().contains("nothing adopted"), refused.err());

            CliTest.Run adopt = CliTest.run("adopt", "-f", files.toString(), "topic/" + prefix + "-legacy");
            assertEquals(0, adopt.code(), adopt.err());
            CliTest.Run prune = CliTest.run("apply", "-f", files.toString(), "--prune");
            assertEquals(0, prune.code(), prune.out() + prune.err());
            assertTrue(prune.out().contains("topic/" + prefix + "-legacy: deleted"), prune.out());
        }
    }

    @Test
    void anotherOwnersTopicIsNeverAdopted(DevStack stack, @TempDir Path dir) throws Exception {
        String prefix = "b" + UUID.randomUUID().toString().substring(0, 6);
        Path files = Files.createDirectories(dir.resolve("kafka"));
        String cluster = """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: dev}
                spec: {bootstrapServers: "%s", ownership: {owner: %s}}
                """;
        Files.writeString(files.resolve("cluster.yaml"), cluster.formatted(stack.bootstrapServers(), prefix + "-team-b"));
        Files.writeString(files.resolve("topic.yaml"), "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + prefix
                + "-theirs}\nspec: {partitions: 1}\n");
        assertEquals(0, CliTest.run("apply", "-f", files.toString()).code(), "team-b makes its topic");
        Files.delete(files.resolve("topic.yaml"));
        Files.writeString(files.resolve("cluster.yaml"), cluster.formatted(stack.bootstrapServers(), prefix + "-team-a"));
        CliTest.Run adopt = CliTest.run("adopt", "-f", files.toString(), "topic/" + prefix + "-theirs");
        assertEquals(1, adopt.code());
        assertTrue(adopt.err().contains("owner '" + prefix + "-team-b'") && adopt.err().contains("nothing adopted"), adopt.err());
        CliTest.Run prune = CliTest.run("plan", "-f", files.toString(), "--prune");
        assertFalse(prune.out().contains("- topic " + prefix + "-theirs"), "still team-b's: never pruned by team-a " + prune.out());
    }
}
