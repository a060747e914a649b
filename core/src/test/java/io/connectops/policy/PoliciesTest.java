package io.connectops.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.Variable;
import io.connectops.render.VariableFiles;
import io.connectops.secrets.Redactor;
import org.junit.jupiter.api.Test;

/** Policies on the files alone, as validate, plan, apply and sync all run them (through the pipeline). */
class PoliciesTest {
    static final String CLUSTERS = """
            apiVersion: connectops.io/v1alpha1
            kind: KafkaCluster
            metadata: {name: main}
            spec: {bootstrapServers: "localhost:9092"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: ConnectCluster
            metadata: {name: prod}
            spec: {url: "http://localhost:8083"}
            """;

    static final String PARTITIONS = """
            apiVersion: connectops.io/v1alpha1
            kind: Policy
            metadata: {name: platform}
            spec:
              match: {kinds: [Topic]}
              validations:
                - expression: "object.spec.partitions <= 12"
                  message: "topics have at most 12 partitions"
                - expression: "object.metadata.name.matches('^[a-z]+[.][a-z0-9.-]+$')"
                  messageExpression: "'topic ' + object.metadata.name + ' is not <domain>.<name>'"
              validationActions: [%s]
            """;

    static String topic(String name, int partitions) {
        return "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {partitions: " + partitions + "}\n";
    }

    static Pipeline.Result run(Map<String, String> files, Map<String, Variable> secrets) {
        List<InputFiles.Input> inputs = files.entrySet().stream().map(e -> new InputFiles.Input(e.getKey(), e.getValue())).toList();
        Pipeline.Request request = new Pipeline.Request(List.of(), InputStream.nullInputStream(),
                VariableFiles.Sources.environmentOnly(Map.of()), null, false);
        return Pipeline.run(inputs, request, secrets, new Redactor());
    }

    static String refusal(Map<String, String> files) {
        return assertThrows(InvalidInputException.class, () -> run(files, Map.of())).getMessage();
    }

    @Test
    void aDenyViolationNamesTheResourceThePolicyAndTheRuleAndRefusesTheRun() {
        String message = refusal(new java.util.TreeMap<>(Map.of("clusters.yaml", CLUSTERS, "policies/platform.yaml", PARTITIONS.formatted("Deny"),
                "topics.yaml", topic("orders.created", 24) + "---\n" + topic("Payments", 3) + "---\n" + topic("orders.ok", 6))));
        assertTrue(message.contains("topics.yaml:3:") && message.contains("Topic orders.created violates policy 'platform' (policies/platform.yaml:7:")
                && message.contains("topics have at most 12 partitions"), message);
        assertTrue(message.contains("topic Payments is not <domain>.<name>"), "the messageExpression, evaluated: " + message);
        assertFalse(message.contains("orders.ok"), "a topic that passes is not named: " + message);
    }

    @Test
    void aWarnViolationIsPrintedAndTheRunGoesOn() {
        Pipeline.Result result = run(Map.of("clusters.yaml", CLUSTERS, "p.yaml", PARTITIONS.formatted("Warn"), "t.yaml", topic("orders.big", 24)),
                Map.of());
        assertEquals(1, result.targets().kafka().get(0).topics().size());
        assertTrue(result.warnings().stream().anyMatch(w -> w.message().contains("Topic orders.big violates policy 'platform'")),
                result.warnings().toString());
    }

    @Test
    void aRuleThatDoesNotCompileIsAnErrorAtItsLineBeforeAnythingElse() {
        String policy = PARTITIONS.formatted("Deny").replace("object.spec.partitions <= 12", "obect.spec.partitions <= ")
                .replace("'topic ' + object.metadata.name", "object.metadata.name.size()");
        String message = refusal(Map.of("p.yaml", policy, "clusters.yaml", CLUSTERS));
        assertTrue(message.contains("p.yaml:7:") && message.contains("does not compile"), message);
        assertTrue(message.contains("p.yaml:9:") && message.contains("no matching overload for '_+_' applied to '(int, string)'")
                && !message.contains("candidates"), message);
        // A rule must give a bool, exactly, as the API server requires of an admission policy: a bare field is dyn.
        String dyn = refusal(Map.of("p.yaml", PARTITIONS.formatted("Deny").replace("object.spec.partitions <= 12", "object.spec.paused"),
                "clusters.yaml", CLUSTERS));
        assertTrue(dyn.contains("p.yaml:7:") && dyn.contains("gives a dyn, where a bool is needed") && dyn.contains("== true"), dyn);
    }

    @Test
    void aStreamingOpsConnectorIsCheckedAsAConnectorAndSecretValuesNeverReachAMessage() {
        String policy = """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: sinks}
                spec:
                  match: {kinds: [Connector]}
                  matchConditions:
                    - {name: sinks, expression: "object.spec.class.endsWith('SinkConnector')"}
                  validations:
                    - expression: "'errors.tolerance' in object.spec.config"
                      messageExpression: "'sink ' + object.metadata.name + ' (password ' + object.spec.config['connection.password'] + ') has no errors.tolerance'"
                """;
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: jdbc-sink, labels: {destination: connect}}
                data:
                  jdbc-sink.json: |
                    {"name": "jdbc-sink", "config": {"connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
                     "connection.password": $DB_PASSWORD, "topics": "orders"}}
                """;
        Map<String, Variable> secrets = Map.of("DB_PASSWORD", new Variable("DB_PASSWORD", "hunter2-secret", true,
                new io.connectops.model.SourceLocation("secrets", 1, 1)));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> run(Map.of("clusters.yaml", CLUSTERS, "p.yaml", policy,
                "sink.yaml", configMap), secrets));
        assertTrue(refused.getMessage().contains("Connector jdbc-sink violates policy 'sinks'")
                && refused.getMessage().contains("(password (sensitive))"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void aRuleThatWouldRunForEverIsStoppedAndCountsAsAViolation() {
        String policy = """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: bomb}
                spec:
                  validations:
                    - expression: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, true))))))"
                """;
        String message = refusal(Map.of("clusters.yaml", CLUSTERS, "p.yaml", policy, "t.yaml", topic("orders.a", 1)));
        assertTrue(message.contains("could not be evaluated") && message.contains("budget"), message);
    }

    @Test
    void matchNarrowsByKindNamePrefixClusterAndOperation() {
        String policy = """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: payments}
                spec:
                  match: {kinds: [Topic], names: ["payments.*"], clusters: [main]}
                  validations:
                    - expression: "int(object.spec.config['min.insync.replicas']) >= 2"
                      message: "payments topics need min.insync.replicas >= 2"
                """;
        String topics = topic("orders.a", 1) + "---\n" + topic("payments.a", 1).replace("spec: {partitions: 1}",
                "spec: {partitions: 1, config: {min.insync.replicas: 2}}") + "---\n" + topic("payments.b", 1).replace("spec: {partitions: 1}",
                "spec: {partitions: 1, config: {min.insync.replicas: 1}}");
        String message = refusal(Map.of("clusters.yaml", CLUSTERS, "p.yaml", policy, "t.yaml", topics));
        assertTrue(message.contains("Topic payments.b violates") && !message.contains("payments.a violates") && !message.contains("orders.a"),
                message);
        // A policy that matches deletes only is not checked against the files.
        run(Map.of("clusters.yaml", CLUSTERS, "p.yaml", policy.replace("clusters: [main]}", "clusters: [main], operations: [DELETE]}"),
                "t.yaml", topics), Map.of());
    }
}
