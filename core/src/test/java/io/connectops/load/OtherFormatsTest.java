package io.connectops.load;

import io.connectops.model.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.model.SourceLocation;
import io.connectops.render.Variable;
import io.connectops.render.Variables;
import org.junit.jupiter.api.Test;

/** streaming-ops ConfigMaps, CFK Connectors and Strimzi KafkaConnectors, converted at load time. */
class OtherFormatsTest {
    static Variables variables(Map<String, String> files, Set<String> secret, Map<String, String> env) {
        Map<String, Variable> vars = new java.util.LinkedHashMap<>();
        files.forEach((k, v) -> vars.put(k, new Variable(k, v, secret.contains(k), new SourceLocation("vars/a.properties", 1, 1))));
        return new Variables(vars, env);
    }

    static DeclarationLoader.Result load(String yaml, Variables variables) {
        return DeclarationLoader.load(List.of(new InputFiles.Input("in.yaml", yaml)), variables);
    }

    static String configMap(String labels, String data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: pipeline
                  labels:
                    destination: connect
                %s
                data:
                %s
                """.formatted(labels.indent(4).stripTrailing(), data.indent(2).stripTrailing());
    }

    static final String JQ = """
            orders.json: |-
              {
                "name": "orders-sink",
                "config": {
                  "connector.class": "org.example.JdbcSink",
                  "tasks.max": 2,
                  "connection.url": env.DB_URL,
                  "value.converter.schema.registry.url": $SCHEMA_REGISTRY_URL,
                  "value.converter.basic.auth.user.info": "\\($SR_KEY):\\($SR_SECRET)",
                  "batch.size": 500,
                  "delete.enabled": true
                }
              }
            customers.json: |-
              {"name": "customers-sink", "config": {"connector.class": "org.example.JdbcSink", "topics": ($PREFIX + ".customers")}}
            """;

    @Test
    void aStreamingOpsConfigMapEvaluatesEveryDataKeyWithJq() {
        Variables variables = variables(Map.of("SCHEMA_REGISTRY_URL", "https://sr:8081", "SR_KEY", "key1", "SR_SECRET", "VerySecretSR",
                "PREFIX", "shop"), Set.of("SR_SECRET"), Map.of("DB_URL", "jdbc:postgresql://db/app", "HOME", "/root"));
        List<ConnectorSpec> specs = load(configMap("", JQ), variables).declarations().connectors();
        assertEquals(2, specs.size(), "every data key counts");
        ConnectorSpec orders = specs.get(0);
        assertEquals("orders-sink", orders.name());
        assertEquals("org.example.JdbcSink", orders.connectorClass());
        assertEquals(2, orders.tasksMax());
        assertEquals(Map.of("connection.url", "jdbc:postgresql://db/app", "value.converter.schema.registry.url", "https://sr:8081",
                "value.converter.basic.auth.user.info", "key1:VerySecretSR", "batch.size", "500", "delete.enabled", "true"), orders.config());
        // The secret reaches only what it is computed into (taint); DB_URL is an ordinary environment variable.
        assertEquals(Set.of("value.converter.basic.auth.user.info"), orders.sensitiveKeys());
        assertEquals(DesiredState.RUNNING, orders.state());
        assertEquals(RestartPolicy.DEFAULT, orders.restartPolicy());
        assertEquals("shop.customers", specs.get(1).config().get("topics"));
        assertEquals(9, orders.source().line(), "the data key's line");
        assertEquals("in.yaml:15:9", orders.locationOf("connection.url").toString(), "a config key's own line inside the jq block");
        assertEquals("in.yaml:13:9", orders.locationOf("connector.class").toString());
    }

    @Test
    void enabledFalseMeansTheConnectorMustNotExist() {
        Variables variables = variables(Map.of("SCHEMA_REGISTRY_URL", "u", "SR_KEY", "k", "SR_SECRET", "s", "PREFIX", "p"), Set.of(),
                Map.of("DB_URL", "x"));
        List<ConnectorSpec> specs = load(configMap("enabled: \"false\"", JQ), variables).declarations().connectors();
        assertTrue(specs.stream().allMatch(ConnectorSpec::absent));
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> load(configMap("enabled: \"no\"", JQ), variables));
        assertTrue(bad.getMessage().contains("label 'enabled' is 'no': use \"true\" or \"false\""), bad.getMessage());
    }

    @Test
    void confluentCloudConfigMapsAreReportedAsUnsupported() {
        DeclarationLoader.Result result = load(configMap("destination.cc: my-cc-cluster", JQ), Variables.none());
        assertEquals(0, result.declarations().connectors().size());
        assertTrue(result.warnings().get(0).message().contains("Confluent Cloud connectors are unsupported"), result.warnings().toString());
    }

    @Test
    void missingVariablesNullsAndWrongShapesAreErrorsNamingTheDataKey() {
        InvalidInputException noEnv = assertThrows(InvalidInputException.class, () -> load(configMap("", JQ),
                variables(Map.of("SCHEMA_REGISTRY_URL", "u", "SR_KEY", "k", "SR_SECRET", "s", "PREFIX", "p"), Set.of(), Map.of())));
        assertTrue(noEnv.getMessage().contains("in.yaml:9:3: data key 'orders.json': environment variable DB_URL is not set"), noEnv.getMessage());

        InvalidInputException noVar = assertThrows(InvalidInputException.class, () -> load(configMap("", JQ),
                variables(Map.of("SR_KEY", "k", "SR_SECRET", "s", "PREFIX", "p"), Set.of(), Map.of("DB_URL", "x"))));
        assertTrue(noVar.getMessage().contains("variable $SCHEMA_REGISTRY_URL is not defined: add a line 'schema.registry.url=...'"),
                noVar.getMessage());

        InvalidInputException isNull = assertThrows(InvalidInputException.class, () -> load(configMap("",
                "a.json: |\n  {\"name\": \"a\", \"config\": {\n    \"connector.class\": \"X\",\n    \"topic\": .nothing}}"), Variables.none()));
        assertTrue(isNull.getMessage().contains("in.yaml:12:7: data key 'a.json': config key 'topic' of connector 'a' is null"),
                isNull.getMessage());

        InvalidInputException two = assertThrows(InvalidInputException.class, () -> load(configMap("",
                "a.json: '{\"name\": \"a\", \"config\": {}}, {\"name\": \"b\", \"config\": {}}'"), Variables.none()));
        assertTrue(two.getMessage().contains("must produce exactly one object"), two.getMessage());

        InvalidInputException syntax = assertThrows(InvalidInputException.class, () -> load(configMap("",
                "a.json: '{\"name\": '"), Variables.none()));
        assertTrue(syntax.getMessage().contains("the jq program fails"), syntax.getMessage());
    }

    @Test
    void aConfluentForKubernetesConnectorMapsItsFields() {
        DeclarationLoader.Result result = load("""
                apiVersion: platform.confluent.io/v1beta1
                kind: Connector
                metadata:
                  name: cfk-source
                  namespace: confluent
                spec:
                  name: orders-source
                  class: org.example.Source
                  taskMax: 4
                  connectClusterRef: {name: connect, namespace: confluent}
                  connectRest: {endpoint: "http://connect:8083"}
                  restartPolicy: {type: Never}
                  configs:
                    topic: orders
                    tasks.max: "4"
                """, Variables.none());
        ConnectorSpec spec = result.declarations().connectors().get(0);
        assertEquals("orders-source", spec.name(), "spec.name overrides metadata.name");
        assertEquals("connect", spec.cluster());
        assertEquals(4, spec.tasksMax());
        assertEquals(Map.of("topic", "orders"), spec.config(), "tasks.max repeated with the same value is dropped");
        assertEquals(RestartPolicy.Type.Never, spec.restartPolicy().type());
        assertTrue(result.warnings().stream().anyMatch(w -> w.message().contains("'spec.connectRest' is not used")));

        ConnectorSpec defaults = load("""
                apiVersion: platform.confluent.io/v1beta1
                kind: Connector
                metadata: {name: plain}
                spec: {class: org.example.Source, taskMax: 1, configs: {a: b}}
                """, Variables.none()).declarations().connectors().get(0);
        assertEquals(new RestartPolicy(RestartPolicy.Type.OnFailure, 10), defaults.restartPolicy());
        assertNull(defaults.cluster());
    }

    @Test
    void aStrimziKafkaConnectorMapsItsFieldsInBothApiVersions() {
        for (String version : List.of("kafka.strimzi.io/v1beta2", "kafka.strimzi.io/v1")) {
            DeclarationLoader.Result result = load("""
                    apiVersion: %s
                    kind: KafkaConnector
                    metadata:
                      name: mirror
                      labels: {strimzi.io/cluster: my-connect, team: data}
                    spec:
                      class: org.example.Source
                      tasksMax: 2
                      state: stopped
                      autoRestart: {enabled: true, maxRestarts: 7}
                      listOffsets: {toConfigMap: {name: offsets}}
                      config: {topic: t}
                    """.formatted(version), Variables.none());
            ConnectorSpec spec = result.declarations().connectors().get(0);
            assertEquals("my-connect", spec.cluster());
            assertEquals(DesiredState.STOPPED, spec.state());
            assertEquals(new RestartPolicy(RestartPolicy.Type.OnFailure, 7), spec.restartPolicy());
            assertTrue(result.warnings().stream().anyMatch(w -> w.message().contains("'spec.listOffsets' is not used")), result.warnings().toString());
        }
        ConnectorSpec paused = load("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnector
                metadata: {name: old, labels: {strimzi.io/cluster: c}}
                spec: {class: org.example.Source, pause: true, config: {a: b}}
                """, Variables.none()).declarations().connectors().get(0);
        assertEquals(DesiredState.PAUSED, paused.state());
        assertEquals(RestartPolicy.Type.Never, paused.restartPolicy().type(), "Strimzi restarts nothing without autoRestart");
        InvalidInputException clash = assertThrows(InvalidInputException.class, () -> load("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnector
                metadata: {name: x, labels: {strimzi.io/cluster: c}}
                spec: {class: org.example.Source, config: {connector.class: org.example.Other}}
                """, Variables.none()));
        assertTrue(clash.getMessage().contains("'connector.class' is 'org.example.Other' here but 'org.example.Source'"), clash.getMessage());
    }

    @Test
    void aKubectlListIsReadItemByItemKeepingLines() {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: one
                    labels: {destination: connect}
                  data:
                    one.json: |
                      {"name": "one", "config": {
                        "connector.class": "org.example.Sink",
                        "topic": .missing}}
                - apiVersion: kafka.strimzi.io/v1beta2
                  kind: KafkaConnector
                  metadata: {name: two, labels: {strimzi.io/cluster: c}}
                  spec: {class: org.example.Source, tasksMax: 2, config: {a: b}}
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(list, Variables.none()));
        assertTrue(e.getMessage().contains("in.yaml:13:9: data key 'one.json': config key 'topic' of connector 'one' is null"), e.getMessage());
        List<ConnectorSpec> specs = load(list.replace(".missing", "\"t\""), Variables.none()).declarations().connectors();
        assertEquals(List.of("one", "two"), specs.stream().map(ConnectorSpec::name).toList());
        assertEquals(2, specs.get(1).tasksMax());
        assertEquals("in.yaml:16:14", specs.get(1).source().toString());
    }
}
