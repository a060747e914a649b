package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.operator.crd.AclRule;
import io.connectops.operator.crd.KafkaClusterResource;
import io.connectops.operator.crd.TopicResource;
import io.connectops.operator.crd.UserResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka kinds in operator mode, on fabric8's mock server (CRUD) and a real broker with SASL/SCRAM and ACLs:
 * a generated user password goes to a Secret the operator makes (Strimzi's keys, owned by the resource) and logs
 * in; a Secret it did not make is left alone; a Topic's finalizer deletes the topic, Orphan keeps it unclaimed.
 */
class OperatorKafkaTest {
    static final String NAMESPACE = OperatorAgainstConnectTest.NAMESPACE;
    static DevStack stack;
    static Admin kafka;

    KubernetesClient client;
    io.connectops.operator.apiserver.RuledMockServer api;
    Operator operator;
    String prefix;

    @BeforeAll
    static void startKafka() {
        stack = DevStack.start(DevStack.Options.scram(0));
        kafka = Admin.create(stack.clientConfig());
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Each test its own names and owner id (the tests share one broker); the cluster's admin login from a labelled Secret. */
    @BeforeEach
    void cluster() {
        api = TestApiServer.start(); // the API server's rules in front of the mock: what a cluster refuses is refused here too
        client = api.client();
        prefix = "o" + UUID.randomUUID().toString().substring(0, 6);
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("kafka-admin")
                .addToLabels(KubernetesSource.VARIABLES_LABEL, "true").endMetadata()
                .addToStringData("kafka.admin.password", stack.adminPassword()).build()).create();
        KafkaClusterResource cluster = new KafkaClusterResource();
        cluster.setMetadata(new ObjectMetaBuilder().withName("main").withNamespace(NAMESPACE).build());
        cluster.setSpec(new KafkaClusterResource.Spec());
        cluster.getSpec().bootstrapServers = stack.bootstrapServers();
        cluster.getSpec().sasl = Map.of("mechanism", "SCRAM-SHA-512", "username", "admin", "password", "{{ kafka.admin.password }}");
        cluster.getSpec().ownership = new io.connectops.operator.crd.KafkaClusterResource.Ownership();
        cluster.getSpec().ownership.owner = prefix;
        client.resource(cluster).create();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        TestApiServer.finish(api);
    }

    Operator start(Path tmp, List<ForeignKind> foreign) {
        return OperatorAgainstConnectTest.startOperator(api.operatorClient(), tmp, foreign);
    }

    UserResource user(String name) {
        UserResource user = new UserResource();
        user.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        user.setSpec(new UserResource.Spec());
        AclRule write = new AclRule();
        write.resource = "topic";
        write.name = prefix + "-";
        write.patternType = "prefixed";
        write.operations = List.of("write", "describe", "create");
        user.getSpec().acls = List.of(write);
        return user;
    }

    TopicResource topic(String name) {
        TopicResource topic = new TopicResource();
        topic.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        topic.setSpec(new TopicResource.Spec());
        topic.getSpec().partitions = 1;
        return topic;
    }

    Secret secret(String name) {
        return client.secrets().inNamespace(NAMESPACE).withName(name).get();
    }

    static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    boolean topicExists(String name) {
        try {
            return kafka.listTopics().names().get(10, TimeUnit.SECONDS).contains(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ready(io.fabric8.kubernetes.client.CustomResource<?, io.connectops.operator.crd.ConditionsStatus> resource, String type) {
        if (resource == null || resource.getStatus() == null || resource.getStatus().conditions == null) {
            return null;
        }
        return resource.getStatus().conditions.stream().filter(c -> c.type.equals(type)).map(c -> c.status + " " + c.message)
                .findFirst().orElse(null);
    }

    /** A producer logging in with what the Secret holds, as an application mounting it would. */
    void produceWith(Secret secret, String topic) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", decoded(secret, "sasl.jaas.config"));
        props.put("max.block.ms", "10000");
        props.put("delivery.timeout.ms", "10000");
        props.put("request.timeout.ms", "5000");
        props.put("enable.idempotence", "false");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGeneratedPasswordGoesToASecretOwnedByTheUserAndLogsIn(@TempDir Path tmp) throws Exception {
        String name = prefix + "-app";
        UserResource created = client.resource(user(name)).create();
        client.resource(topic(prefix + "-orders")).create();

        operator = start(tmp, List.of());
        Await.until("the user's Secret", Duration.ofSeconds(30), () -> secret(name) != null);
        Secret secret = secret(name);
        String password = decoded(secret, "password");
        assertEquals(32, password.length(), "192 random bits");
        assertEquals(name, decoded(secret, "username"));
        assertEquals("connectops", secret.getMetadata().getLabels().get(SecretPasswords.MANAGED_BY));
        assertEquals(1, secret.getMetadata().getOwnerReferences().size());
        assertEquals(created.getMetadata().getUid(), secret.getMetadata().getOwnerReferences().get(0).getUid(),
                "owned by the User resource: deleting it lets Kubernetes delete the Secret");
        Await.until("the User Ready and Synced", Duration.ofSeconds(30), () -> {
            UserResource current = client.resources(UserResource.class).inNamespace(NAMESPACE).withName(name).get();
            return ready(current, "Ready") != null && ready(current, "Ready").startsWith("True")
                    && ready(current, "Synced").startsWith("True");
        });
        Await.until("the topic", Duration.ofSeconds(30), () -> topicExists(prefix + "-orders"));
        produceWith(secret, prefix + "-orders"); // the credential in the Secret is the one set in Kafka

        // A steady state: the password is not generated again, the Secret not written again.
        long passes = OperatorAgainstConnectTest.syncPasses(operator);
        Await.until("three more passes", Duration.ofSeconds(30), () -> OperatorAgainstConnectTest.syncPasses(operator) >= passes + 3);
        assertEquals(secret.getMetadata().getResourceVersion(), secret(name).getMetadata().getResourceVersion());

        // The password is nowhere else: not in statuses, events or the controller's /status.
        String everything = Serialization.asJson(client.resources(UserResource.class).inNamespace(NAMESPACE).list())
                + Serialization.asJson(client.v1().events().inNamespace(NAMESPACE).list())
                + Serialization.asJson(client.resources(TopicResource.class).inNamespace(NAMESPACE).list())
                + operator.controller().status().toString();
        assertFalse(everything.contains(password), "the generated password is only in its Secret");
    }

    @Test
    void anOrphanUsersPasswordSecretOutlivesIt(@TempDir Path tmp) {
        String name = prefix + "-kept";
        UserResource orphan = user(name);
        orphan.getSpec().deletionPolicy = "Orphan";
        client.resource(orphan).create();
        operator = start(tmp, List.of());
        Await.until("the user's Secret, owned by the User", Duration.ofSeconds(30),
                () -> secret(name) != null && !secret(name).getMetadata().getOwnerReferences().isEmpty());
        Await.until("the finalizer", Duration.ofSeconds(30), () -> {
            UserResource current = client.resources(UserResource.class).inNamespace(NAMESPACE).withName(name).get();
            return current.getMetadata().getFinalizers() != null && !current.getMetadata().getFinalizers().isEmpty();
        });
        client.resources(UserResource.class).inNamespace(NAMESPACE).withName(name).delete();
        Await.until("the User gone", Duration.ofSeconds(30), () -> client.resources(UserResource.class).inNamespace(NAMESPACE).withName(name).get() == null);
        // The mock has no garbage collector: what a cluster's would do follows from the owner references.
        assertTrue(secret(name).getMetadata().getOwnerReferences().isEmpty(), "nothing left for the garbage collector to delete it by");
    }

    @Test
    void aSecretConnectopsDidNotMakeIsNeitherReadNorOverwritten(@TempDir Path tmp) {
        String name = prefix + "-app";
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(prefix + "-taken").endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString("someone-elses".getBytes(StandardCharsets.UTF_8))).build()).create();
        UserResource user = user(name);
        user.getSpec().passwordSecret = prefix + "-taken";
        client.resource(user).create();

        operator = start(tmp, List.of());
        Await.until("the User not Synced, saying why", Duration.ofSeconds(30), () -> {
            String synced = ready(client.resources(UserResource.class).inNamespace(NAMESPACE).withName(name).get(), "Synced");
            return synced != null && synced.startsWith("False") && synced.contains("was not made by connectops");
        });
        Secret taken = secret(prefix + "-taken");
        assertEquals("someone-elses", decoded(taken, "password"));
        assertEquals(null, taken.getMetadata().getLabels() == null ? null : taken.getMetadata().getLabels().get(SecretPasswords.MANAGED_BY));
    }

    @Test
    void anotherUsersPasswordSecretIsRefusedNotUsed(@TempDir Path tmp) {
        String first = prefix + "-first";
        client.resource(user(first)).create();
        operator = start(tmp, List.of());
        Await.until("the first user's Secret", Duration.ofSeconds(30), () -> secret(first) != null);
        String password = decoded(secret(first), "password");
        UserResource second = user(prefix + "-second");
        second.getSpec().passwordSecret = first; // connectops' own Secret, made for another user
        client.resource(second).create();
        Await.until("the second User not Synced, saying why", Duration.ofSeconds(30), () -> {
            String synced = ready(client.resources(UserResource.class).inNamespace(NAMESPACE).withName(prefix + "-second").get(), "Synced");
            return synced != null && synced.startsWith("False") && synced.contains("holds the password of user");
        });
        assertEquals(password, decoded(secret(first), "password"), "the first user's credential is not touched");
        assertEquals(first, decoded(secret(first), "username"));
    }

    @Test
    void deletingATopicResourceDeletesTheTopicAndOrphanKeepsItUnclaimed(@TempDir Path tmp) {
        String deleted = prefix + "-deleted";
        String kept = prefix + "-kept";
        client.resource(topic(deleted)).create();
        TopicResource orphan = topic(kept);
        orphan.getSpec().deletionPolicy = "Orphan";
        client.resource(orphan).create();

        operator = start(tmp, List.of());
        Await.until("both topics, and the finalizers", Duration.ofSeconds(30), () -> topicExists(deleted) && topicExists(kept)
                && List.of(deleted, kept).stream().allMatch(n -> {
                    TopicResource current = client.resources(TopicResource.class).inNamespace(NAMESPACE).withName(n).get();
                    return current.getMetadata().getFinalizers().contains(KubernetesSource.FINALIZER);
                }));
        Await.until("a Created event on the Topic", Duration.ofSeconds(30), () -> client.v1().events().inNamespace(NAMESPACE).list()
                .getItems().stream().anyMatch(e -> deleted.equals(e.getInvolvedObject().getName()) && "Created".equals(e.getReason())));

        client.resources(TopicResource.class).inNamespace(NAMESPACE).withName(deleted).delete();
        client.resources(TopicResource.class).inNamespace(NAMESPACE).withName(kept).delete();
        Await.until("the topic deleted and its resource released", Duration.ofSeconds(30), () -> !topicExists(deleted)
                && client.resources(TopicResource.class).inNamespace(NAMESPACE).withName(deleted).get() == null);
        Await.until("the Orphan resource released", Duration.ofSeconds(30),
                () -> client.resources(TopicResource.class).inNamespace(NAMESPACE).withName(kept).get() == null);
        long passes = OperatorAgainstConnectTest.syncPasses(operator);
        Await.until("three more passes", Duration.ofSeconds(30), () -> OperatorAgainstConnectTest.syncPasses(operator) >= passes + 3);
        assertTrue(topicExists(kept), "an Orphan topic stays, and no longer being claimed, no prune deletes it");
    }

    @Test
    void aPasswordAnnotationMayNameOnlyASecretOfItsOwnNamespace(@TempDir Path tmp) {
        String name = prefix + "-elsewhere";
        GenericKubernetesResource kafkaUser = Serialization.unmarshal(String.join("\n",
                "apiVersion: kafka.strimzi.io/v1beta2", "kind: KafkaUser", "metadata:", "  name: " + name, "  namespace: " + NAMESPACE,
                "  labels: {strimzi.io/cluster: main}", "  annotations: {connectops.io/password-file: 'secret:kube-system/" + name + "'}",
                "spec:", "  authentication: {type: scram-sha-512}"), GenericKubernetesResource.class);
        client.genericKubernetesResources(ForeignKind.of("strimzi").get(2).context()).inNamespace(NAMESPACE).resource(kafkaUser).create();
        operator = start(tmp, ForeignKind.of("strimzi"));
        Await.until("refused, saying why", Duration.ofSeconds(30), () -> operator.controller().status().toString()
                .contains("may keep its password only in its own namespace"));
        assertNull(client.secrets().inNamespace("kube-system").withName(name).get(), "nothing written in another namespace");
    }

    @Test
    void aStrimziKafkaUserGetsASecretNamedLikeIt(@TempDir Path tmp) throws Exception {
        String name = prefix + "-strimzi";
        GenericKubernetesResource kafkaUser = Serialization.unmarshal(String.join("\n",
                "apiVersion: kafka.strimzi.io/v1beta2", "kind: KafkaUser", "metadata:", "  name: " + name, "  namespace: " + NAMESPACE,
                "  labels: {strimzi.io/cluster: main}", "spec:", "  authentication: {type: scram-sha-512}", "  authorization:",
                "    type: simple", "    acls:", "      - resource: {type: topic, name: " + prefix + "-, patternType: prefix}",
                "        operations: [Write, Describe, Create]"), GenericKubernetesResource.class);
        ForeignKind strimziUser = ForeignKind.of("strimzi").get(2);
        client.genericKubernetesResources(strimziUser.context()).inNamespace(NAMESPACE).resource(kafkaUser).create();
        client.resource(topic(prefix + "-events")).create();

        operator = start(tmp, ForeignKind.of("strimzi"));
        Await.until("the KafkaUser's Secret, named like it (as Strimzi names it)", Duration.ofSeconds(30), () -> secret(name) != null);
        Await.until("the topic", Duration.ofSeconds(30), () -> topicExists(prefix + "-events"));
        Secret secret = secret(name);
        assertNotNull(secret.getData().get("sasl.jaas.config"));
        assertEquals("KafkaUser", secret.getMetadata().getOwnerReferences().get(0).getKind());
        // The Secret is written before the credential is set (a crash between them regenerates nothing): wait for Kafka.
        Await.until("a producer logging in with the Secret's JAAS line", Duration.ofSeconds(30), () -> {
            try {
                produceWith(secret, prefix + "-events");
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
