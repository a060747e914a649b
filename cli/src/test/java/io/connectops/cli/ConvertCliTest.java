package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.ConnectorSpec;
import io.connectops.render.VariableFiles;
import io.connectops.render.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert}: the native output, loaded with the same variables, declares exactly what the original did. */
class ConvertCliTest {
    @TempDir
    Path dir;

    @Test
    void convertedFilesDeclareTheSameConnectorsWithoutAnyValue() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("all.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: pipeline
                  labels: {destination: connect, enabled: "false", team: data}
                data:
                  sink.json: |-
                    {"name": "jdbc-sink", "config": {"connector.class": "org.example.Sink", "tasks.max": "3",
                     "connection.url": env.DB_URL, "user.info": "\\($SR_KEY):\\($SR_SECRET)", "topics": "orders"}}
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaConnector
                metadata: {name: mirror, labels: {strimzi.io/cluster: east}}
                spec:
                  class: org.example.Source
                  tasksMax: 2
                  state: paused
                  autoRestart: {enabled: true, maxRestarts: 4}
                  config: {topic: t, db.password: written-in-clear}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: unrelated}
                """);
        CliTest.Run convert = CliTest.run("convert", "-f", in.toString());
        assertEquals(0, convert.code(), convert.err());
        assertTrue(convert.out().contains("connection.url: \"{{ env.DB_URL }}\""), convert.out());
        assertTrue(convert.out().contains("user.info: \"{{ SR_KEY }}:{{ SR_SECRET }}\""), convert.out());
        assertFalse(convert.out().contains("written-in-clear"), "a secret in clear is not copied");
        assertTrue(convert.err().contains("1 secret value(s) written in clear were not copied"), convert.err());
        assertTrue(convert.err().contains("skipped: v1 Service"), convert.err());

        Path vars = Files.createDirectories(dir.resolve("vars"));
        Files.writeString(vars.resolve("sr.properties"), "sr.key=K\nsr.secret=S3cret\n");
        Variables variables = VariableFiles.load(new VariableFiles.Sources(List.of(), List.of(vars), List.of(), null,
                Map.of("DB_URL", "jdbc:x://db")));
        List<ConnectorSpec> original = DeclarationLoader.load(InputFiles.read(List.of(in.toString()), System.in), variables)
                .declarations().connectors();
        List<ConnectorSpec> converted = DeclarationLoader.load(List.of(new InputFiles.Input("out.yaml", convert.out())), variables)
                .declarations().connectors();
        assertEquals(2, converted.size());
        for (int i = 0; i < 2; i++) {
            ConnectorSpec a = original.get(i);
            ConnectorSpec b = converted.get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.cluster(), b.cluster());
            assertEquals(a.state(), b.state());
            assertEquals(a.restartPolicy(), b.restartPolicy());
            assertEquals(a.tasksMax(), b.tasksMax());
            Map<String, String> expected = new java.util.TreeMap<>(a.connectConfig());
            if (expected.containsKey("db.password")) {
                expected.put("db.password", ExportCommand.SECRET_PLACEHOLDER);
            }
            assertEquals(expected, new java.util.TreeMap<>(b.connectConfig()));
            assertEquals(a.sensitiveKeys(), b.sensitiveKeys(), "the same keys are secret either way");
        }
        assertEquals(Map.of("team", "data"), converted.get(0).labels(), "labels other tools used as fields are gone");
    }

    @Test
    void kafkaResourcesConvertToNativeDocumentsThatDeclareTheSame() throws Exception {
        Path in = Files.createDirectories(dir.resolve("kafka-in"));
        Files.writeString(in.resolve("all.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: env, labels: {destination: ccloud}}
                data:
                  environments: |
                    [ { "name": "dev", "kafka": [ { "name": "k",
                        "topic": [ { "name": "orders", "partitions": 3, "config": "cleanup.policy=compact" } ],
                        "acl": [ { "service-account": "svc", "controls": [
                          { "operation": "read,write", "permission": "allow", "resource": "topic", "name": "ord", "prefix": "true" } ] } ] } ] } ]
                ---
                apiVersion: platform.confluent.io/v1beta1
                kind: KafkaTopic
                metadata: {name: payments}
                spec: {partitionCount: 2, replicas: 1, configs: {retention.ms: "1000"}}
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: app}
                spec:
                  authentication: {type: scram-sha-512, password: {valueFrom: {secretKeyRef: {name: app, key: app.password}}}}
                  authorization:
                    type: simple
                    acls: [{resource: {type: group, name: app-, patternType: prefix}, operations: [Read]}]
                """);
        CliTest.Run convert = CliTest.run("convert", "-f", in.toString());
        assertEquals(0, convert.code(), convert.err());
        assertTrue(convert.out().contains("password: \"{{ app.password }}\""), convert.out());
        var original = DeclarationLoader.load(InputFiles.read(List.of(in.toString()), System.in), Variables.symbolic()).declarations();
        var converted = DeclarationLoader.load(List.of(new InputFiles.Input("out.yaml", convert.out())), Variables.symbolic()).declarations();
        assertEquals(original.topics().stream().map(t -> t.name() + t.partitions() + t.config()).toList(),
                converted.topics().stream().map(t -> t.name() + t.partitions() + t.config()).toList());
        assertEquals(original.acls().stream().map(a -> a.principal() + a.rules().stream().map(r -> r.key()).toList()).toList(),
                converted.acls().stream().map(a -> a.principal() + a.rules().stream().map(r -> r.key()).toList()).toList());
        assertEquals(1, converted.users().size());
    }

    @Test
    void aStrimziUsersQuotasConvertToAClientQuotaThatReadsBackTheSame() throws Exception {
        Path in = Files.createDirectories(dir.resolve("quota-in"));
        Files.writeString(in.resolve("user.yaml"), """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: orders-app, labels: {strimzi.io/cluster: main}}
                spec:
                  authentication: {type: scram-sha-512}
                  quotas: {producerByteRate: 1048576, requestPercentage: 55.5}
                """);
        CliTest.Run converted = CliTest.run("convert", "-f", in.toString());
        assertEquals(0, converted.code(), converted.err());
        assertTrue(converted.out().contains("kind: ClientQuota") && converted.out().contains("user: \"orders-app\"")
                && converted.out().contains("producer_byte_rate: 1048576") && converted.out().contains("request_percentage: 55.5"),
                converted.out());
        Path out = Files.createDirectories(dir.resolve("quota-out"));
        Files.writeString(out.resolve("all.yaml"), converted.out());
        Files.writeString(out.resolve("cluster.yaml"), "apiVersion: connectops.io/v1alpha1\nkind: KafkaCluster\nmetadata: {name: main}\n"
                + "spec: {bootstrapServers: \"127.0.0.1:9\"}\n");
        CliTest.Run valid = CliTest.run("validate", "-f", out.toString());
        assertEquals(0, valid.code(), valid.err());
    }
}
