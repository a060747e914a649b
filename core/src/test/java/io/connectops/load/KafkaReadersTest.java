package io.connectops.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.connectops.model.AclSpec;
import io.connectops.model.Declarations;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.Targets;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;
import io.connectops.validate.OfflineValidator;
import org.junit.jupiter.api.Test;

/** The Kafka kinds, in every format connectops reads: what they become, and what their errors say. */
class KafkaReadersTest {
    static DeclarationLoader.Result load(String yaml) {
        return DeclarationLoader.load(List.of(new InputFiles.Input("k.yaml", yaml)));
    }

    static String problems(String yaml) {
        return String.join("\n", assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics().stream()
                .map(Diagnostic::toString).toList());
    }

    @Test
    void nativeKindsBecomeTopicsAclSetsAndUsers() {
        Declarations d = load("""
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: main}
                spec:
                  bootstrapServers: broker:9092
                  sasl: {username: admin, password: "p\\"w"}
                  ownership: {owner: team-a}
                  protectedTopics: [audit-*]
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: orders}
                spec: {partitions: 6, replicationFactor: 3, config: {retention.ms: 86400000, cleanup.policy: compact}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Acl
                metadata: {name: app}
                spec:
                  principal: User:app
                  rules:
                    - {resource: topic, name: orders, patternType: prefixed, operations: "read,describe"}
                    - {resource: consumer-group, name: app, operations: [read], permission: deny, host: 10.0.0.1}
                    - {resource: cluster-scope, operations: [idempotent-write]}
                """).declarations();
        assertEquals("SASL_PLAINTEXT", d.kafkaClusters().get(0).properties().get("security.protocol"));
        assertTrue(d.kafkaClusters().get(0).properties().get("sasl.jaas.config").contains("password=\"p\\\"w\""), "quotes escaped");
        TopicSpec topic = d.topics().get(0);
        assertEquals(6, topic.partitions());
        assertEquals(3, topic.replicationFactor());
        assertEquals(Map.of("retention.ms", "86400000", "cleanup.policy", "compact"), topic.config());
        List<String> rules = d.acls().get(0).rules().stream().map(AclSpec.Rule::key).toList();
        assertEquals(List.of("allow read on topic orders (prefixed) from *", "allow describe on topic orders (prefixed) from *",
                "deny read on group app from 10.0.0.1", "allow idempotent-write on cluster kafka-cluster from *"), rules);
    }

    @Test
    void errorsNameTheLineAndSuggestWhatWasMeant() {
        String text = problems("""
                apiVersion: connectops.io/v1alpha1
                kind: Acl
                metadata: {name: app}
                spec:
                  principal: app
                  rules:
                    - {resource: topik, name: orders, operations: [reed]}
                """);
        assertTrue(text.contains("k.yaml:5:3") && text.contains("type:name, e.g. User:orders-app"), text);
        assertTrue(text.contains("k.yaml:7:") && text.contains("did you mean 'topic'"), text);
        assertTrue(text.contains("did you mean 'read'"), text);
        assertTrue(problems("apiVersion: connectops.io/v1alpha1\nkind: Topik\nmetadata: {name: x}\n").contains("did you mean 'Topic'"));
    }

    @Test
    void aUserPasswordWrittenInTheFileIsRefused() {
        String text = problems("""
                apiVersion: connectops.io/v1alpha1
                kind: User
                metadata: {name: app}
                spec: {password: hunter22}
                """);
        assertTrue(text.contains("k.yaml:4:8") && text.contains("must come from a secret variable"), text);
        assertTrue(!text.contains("hunter22"), "the value is not repeated");
    }

    @Test
    void aCcloudConfigMapBecomesTopicsAndAclSetsAndNamesWhatIsCloudOnly() {
        DeclarationLoader.Result result = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: env
                  labels: {destination: ccloud}
                data:
                  service-accounts: |
                    [ { "name": "orders-client", "description": "d" } ]
                  environments: |
                    [ { "name": "dev", "schema-registry": { "cloud": "gcp" },
                        "kafka": [ { "name": "k1", "cloud": "gcp", "region": "us-central1",
                          "topic": [ { "name": "orders", "partitions": 3, "config": "cleanup.policy=compact, retention.ms=1000" },
                                     { "name": "_confluent-monitoring" } ],
                          "acl": [ { "service-account": "orders-client", "controls": [
                              { "operation": "read,write", "permission": "allow", "resource": "topic", "name": "ord", "prefix": "true" },
                              { "operation": "write", "permission": "allow", "resource": "transactional-id", "name": "*" } ] } ],
                          "api-key": [ { "service-account": "orders-client" } ] } ] } ]
                """);
        Declarations d = result.declarations();
        assertEquals(List.of("orders", "_confluent-monitoring"), d.topics().stream().map(TopicSpec::name).toList());
        assertEquals(Map.of("cleanup.policy", "compact", "retention.ms", "1000"), d.topics().get(0).config());
        assertNull(d.topics().get(1).partitions(), "the broker's default");
        AclSpec acls = d.acls().get(0);
        assertEquals("User:orders-client", acls.principal());
        assertEquals(List.of("allow read on topic ord (prefixed) from *", "allow write on topic ord (prefixed) from *",
                "allow write on transactional-id * from *"), acls.rules().stream().map(AclSpec.Rule::key).toList());
        String warnings = result.warnings().toString();
        assertTrue(warnings.contains("schema-registry") && warnings.contains("api-key") && warnings.contains("cloud, region"), warnings);

        // One KafkaCluster declared under another name: the ConfigMap's kafka entry goes to it.
        Targets targets = OfflineValidator.resolve(d, null, true, "localhost:9092", Map.of());
        assertEquals(2, targets.kafka().get(0).topics().size());
    }

    @Test
    void badCcloudJsonNamesTheDataKey() {
        String text = problems("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: env, labels: {destination: ccloud}}
                data:
                  environments: |
                    [ { "name": "dev", "kafka": [ { "name": "k", "topic": [ { "name": "t", "partitions": "many" } ] } ]
                """);
        assertTrue(text.contains("data 'environments' is not valid JSON"), text);
    }

    @Test
    void strimziAndCfkTopicsAndAStrimziUserAreReadAsTheyAre() {
        Declarations d = load("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: orders-topic, labels: {strimzi.io/cluster: my-cluster}}
                spec: {topicName: orders, partitions: 3, replicas: 1, config: {retention.ms: 1000}}
                ---
                apiVersion: platform.confluent.io/v1beta1
                kind: KafkaTopic
                metadata: {name: payments}
                spec: {partitionCount: 4, replicas: 1, configs: {cleanup.policy: compact}, kafkaClusterRef: {name: kafka}}
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: app, labels: {strimzi.io/cluster: my-cluster}}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: orders, patternType: literal}
                        operations: [Read, Describe]
                      - resource: {type: group, name: app-, patternType: prefix}
                        operation: Read
                """).declarations();
        assertEquals(List.of("orders", "payments"), d.topics().stream().map(TopicSpec::name).toList());
        assertEquals(4, d.topics().get(1).partitions());
        UserSpec user = d.users().get(0);
        assertEquals(UserSpec.Mechanism.SCRAM_SHA_512, user.mechanism());
        assertEquals("app.password", user.passwordFile());
        assertEquals(3, d.acls().get(0).rules().size());
        assertEquals("allow read on group app- (prefixed) from *", d.acls().get(0).rules().get(2).key(), "Strimzi's 'prefix'");
        // Both Strimzi resources name a Kafka called my-cluster; with one KafkaCluster declared they go to it.
        Targets targets = OfflineValidator.resolve(d, null, true, "localhost:9092", Map.of());
        assertEquals(1, targets.kafka().get(0).users().size());
    }

    @Test
    void offlineChecksCatchBadTopicNamesAndDuplicates() {
        String yaml = """
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: "__internal"}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: twice}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: twice}
                """;
        Declarations d = load(yaml).declarations();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(d, null, true, "b:9092", Map.of()));
        assertTrue(e.getMessage().contains("starts with '__'"), e.getMessage());
        assertTrue(e.getMessage().contains("topic 'twice' is declared twice"), e.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(load(
                "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: t}\n").declarations(), null, true, null, Map.of()));
        assertTrue(none.getMessage().contains("declare a KafkaCluster, or give --bootstrap-server"), none.getMessage());
    }

    @Test
    void aConnectClusterKeepsItsOwnershipRecordInADeclaredKafkaCluster() {
        Declarations d = load("""
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: main}
                spec:
                  bootstrapServers: broker:9093
                  properties: {security.protocol: SSL}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: connect}
                spec:
                  url: http://connect:8083
                  ownership: {owner: team-a, kafkaCluster: main}
                """).declarations();
        var ownership = OfflineValidator.resolve(d, null, true, null, Map.of()).clusters().get(0).cluster().ownership();
        assertEquals("broker:9093", ownership.bootstrapServers());
        assertEquals("SSL", ownership.kafkaProperties().get("security.protocol"));
        assertEquals("_connectops-ownership", ownership.topic());
        String missing = assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(load("""
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: connect}
                spec: {url: "http://connect:8083", ownership: {kafkaCluster: nope}}
                """).declarations(), null, true, null, Map.of())).getMessage();
        assertTrue(missing.contains("names 'nope', which is not a declared KafkaCluster"), missing);
    }
}
