package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.controller.ControllerOptions;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator on fabric8's Kubernetes mock server (CRUD mode: no kube-apiserver can be had here) driving a
 * real embedded Kafka + Connect: a Connector resource makes the connector and gets a status; an edit updates
 * it; a steady state writes nothing; deleting the resource deletes the connector and releases the finalizer.
 */
@ExtendWith(DevStackExtension.class)
class OperatorAgainstConnectTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";
    static final String NAMESPACE = "team-a";

    KubernetesClient client;
    io.connectops.operator.apiserver.RuledMockServer api;
    Operator operator;

    /** The API server's rules in front of the mock: what a cluster would refuse is refused here too. */
    @org.junit.jupiter.api.BeforeEach
    void apiServer() {
        api = TestApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        TestApiServer.finish(api);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    ConnectorResource connector(String name, String label) {
        ConnectorResource resource = new ConnectorResource();
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        ConnectorResource.Spec spec = new ConnectorResource.Spec();
        spec.connectorClass = NOOP;
        spec.tasksMax = 1;
        spec.config = Map.of("noop.label", label);
        resource.setSpec(spec);
        return resource;
    }

    void createCluster(String name, String url, String owner) {
        ConnectClusterResource cluster = new ConnectClusterResource();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        ConnectClusterResource.Spec spec = new ConnectClusterResource.Spec();
        spec.url = url;
        spec.ownership = Map.of("owner", owner);
        cluster.setSpec(spec);
        client.resource(cluster).create();
    }

    /** A single operator (no election) on the mock server, resync every 500 ms, restarts after 300 ms doubling to 1 s. */
    Operator start(Path tmp, List<ForeignKind> foreign) {
        return startOperator(api.operatorClient(), tmp, foreign);
    }

    static Operator startOperator(KubernetesClient client, Path tmp, List<ForeignKind> foreign) {
        ControllerOptions options = ControllerOptions.builder("kubernetes", tmp.resolve("cache")).interval(Duration.ofMillis(200))
                .resync(Duration.ofMillis(500)).healing(new io.connectops.controller.Healer.Settings(Duration.ofMillis(300),
                        Duration.ofSeconds(1), Duration.ofSeconds(60))).shutdownTimeout(Duration.ofSeconds(10)).build();
        Operator started = new Operator(client, List.of(NAMESPACE), foreign, options, onChange -> null, Duration.ofMillis(200));
        started.start();
        return started;
    }

    ConnectorResource current(String name) {
        return client.resources(ConnectorResource.class).inNamespace(NAMESPACE).withName(name).get();
    }

    static String condition(ConnectorResource resource, String type) {
        if (resource == null || resource.getStatus() == null || resource.getStatus().conditions == null) {
            return null;
        }
        return resource.getStatus().conditions.stream().filter(c -> c.type.equals(type)).map(c -> c.status).findFirst().orElse(null);
    }

    List<String> eventReasons(String name) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
    }

    long syncPasses() {
        return syncPasses(operator);
    }

    /** Reconcile passes so far (all targets), from the operator's metrics. */
    static long syncPasses(Operator operator) {
        return operator.controller().metrics().scrape().lines().filter(l -> l.startsWith("connectops_syncs_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aConnectorResourceIsAppliedReportedUpdatedAndDeleted(DevStack stack, @TempDir Path tmp) {
        String owner = "k" + UUID.randomUUID().toString().substring(0, 6);
        String name = owner + "-orders";
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        createCluster("local", stack.connectUrl().toString(), owner);
        client.resource(connector(name, "one")).create();

        operator = start(tmp, List.of());

        await("connector created", Duration.ofSeconds(30), () -> "one".equals(connect.config(name).map(c -> c.get("noop.label")).orElse(null)));
        try {
            await("status Ready", Duration.ofSeconds(30), () -> "True".equals(condition(current(name), "Ready"))
                && "True".equals(condition(current(name), "Synced")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + io.fabric8.kubernetes.client.utils.Serialization.asJson(current(name))
                    + " controller: " + operator.controller().status());
        }
        await("its task running", Duration.ofSeconds(30), () -> "1/1".equals(current(name).getStatus().tasks));
        ConnectorResource ready = current(name);
        assertEquals("RUNNING", ready.getStatus().connectorState);
        await("the ConnectCluster resource Ready", Duration.ofSeconds(30), () -> {
            ConnectClusterResource cluster = client.resources(ConnectClusterResource.class).inNamespace(NAMESPACE).withName("local").get();
            return cluster.getStatus() != null && cluster.getStatus().conditions != null
                    && cluster.getStatus().conditions.stream().anyMatch(c -> c.type.equals("Ready") && c.status.equals("True"));
        });
        assertEquals(ready.getMetadata().getGeneration(), ready.getStatus().observedGeneration);
        assertTrue(ready.getMetadata().getFinalizers().contains(KubernetesSource.FINALIZER));

        // Steady state: passes go on, nothing is written.
        long writes = operator.statusWrites();
        long passes = syncPasses();
        await("three more passes", Duration.ofSeconds(30), () -> syncPasses() >= passes + 3);
        assertEquals(writes, operator.statusWrites(), "no status write in a steady state");

        // An edit of the spec updates the connector, and the status follows the new generation.
        edit(name, r -> {
            r.getSpec().config = Map.of("noop.label", "two");
            return r;
        });
        await("connector updated", Duration.ofSeconds(30), () -> "two".equals(connect.config(name).map(c -> c.get("noop.label")).orElse(null)));
        await("observed generation follows", Duration.ofSeconds(30), () -> current(name).getStatus().observedGeneration != null
                && current(name).getStatus().observedGeneration.equals(current(name).getMetadata().getGeneration()));

        // A hand change of one key in Connect is put back, and each step is a Kubernetes Event on the resource.
        Map<String, String> byHand = new java.util.HashMap<>(connect.config(name).orElseThrow());
        byHand.put("noop.label", "by-hand");
        connect.putConfig(name, byHand);
        await("drift put back", Duration.ofSeconds(30), () -> "two".equals(connect.config(name).map(c -> c.get("noop.label")).orElse(null)));
        await("events", Duration.ofSeconds(30), () -> eventReasons(name).containsAll(List.of("Created", "Updated", "DriftCorrected")));

        // Delete: the connector goes, then the finalizer is released and the resource with it.
        client.resources(ConnectorResource.class).inNamespace(NAMESPACE).withName(name).delete();
        try {
            await("connector deleted", Duration.ofSeconds(30), () -> connect.config(name).isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " events: " + operator.controller().events().all() + " resource: "
                    + io.fabric8.kubernetes.client.utils.Serialization.asJson(current(name)));
        }
        await("resource gone", Duration.ofSeconds(30), () -> current(name) == null);
    }

    @Test
    void twoOperatorsShareOneLeaseAndOnlyTheLeaderWrites(DevStack stack, @TempDir Path tmp) {
        String owner = "l" + UUID.randomUUID().toString().substring(0, 6);
        String name = owner + "-ha";
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        createCluster("local", stack.connectUrl().toString(), owner);
        client.resource(connector(name, "one")).create();
        Operator[] operators = new Operator[2];
        for (int i = 0; i < 2; i++) {
            String identity = "operator-" + i;
            ControllerOptions options = ControllerOptions.builder("kubernetes", tmp.resolve("cache-" + i)).interval(Duration.ofMillis(200))
                    .resync(Duration.ofMillis(500)).shutdownTimeout(Duration.ofSeconds(10)).build();
            operators[i] = new Operator(api.operatorClient(), List.of(NAMESPACE), options, onChange -> new LeaseLeadership(api.operatorClient(), NAMESPACE,
                    "connectops-operator", identity, Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(300), onChange),
                    Duration.ofMillis(200));
            operators[i].start();
        }
        operator = operators[0];
        try {
            await("one leader", Duration.ofSeconds(30), () -> operators[0].controller().isLeader() != operators[1].controller().isLeader());
            Operator leader = operators[0].controller().isLeader() ? operators[0] : operators[1];
            Operator standby = leader == operators[0] ? operators[1] : operators[0];
            await("connector created", Duration.ofSeconds(30), () -> connect.config(name).isPresent());
            await("status Ready", Duration.ofSeconds(30), () -> "True".equals(condition(current(name), "Ready")));
            assertEquals(0, standby.statusWrites(), "the standby writes nothing");
            assertTrue(leader.statusWrites() > 0);

            // The leader goes: the standby takes over (the lease is released on close) and keeps the connector in shape.
            leader.close();
            await("standby leads", Duration.ofSeconds(30), () -> standby.controller().isLeader());
            connect.putConfig(name, Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "by-hand"));
            await("drift put back by the new leader", Duration.ofSeconds(30),
                    () -> "one".equals(connect.config(name).map(c -> c.get("noop.label")).orElse(null)));
        } finally {
            operators[1].close();
        }
    }

    /**
     * A status write the API server keeps refusing (a 403 that will not go away) is tried again later and later, said in an
     * event and a metric, not retried at every pass; the other resources are written meanwhile, and it is written once the
     * refusal ends.
     */
    @Test
    void aRefusedStatusWriteBacksOffAndIsReportedWhileOthersAreWritten(DevStack stack, @TempDir Path tmp) {
        String owner = "b" + UUID.randomUUID().toString().substring(0, 6);
        createCluster("local", stack.connectUrl().toString(), owner);
        client.resource(connector(owner + "-refused", "one")).create();
        client.resource(connector(owner + "-fine", "one")).create();
        api.rules().refuse(r -> "status".equals(r.subresource()) && (owner + "-refused").equals(r.name()) && r.verb().equals("update"));
        operator = start(tmp, List.of());
        await("the other resource written", Duration.ofSeconds(60), () -> "True".equals(condition(current(owner + "-fine"), "Ready")));
        await("four refusals", Duration.ofSeconds(60), () -> api.rules().refusedForTheTestAt().size() >= 4);
        List<Instant> at = api.rules().refusedForTheTestAt();
        Duration first = Duration.between(at.get(0), at.get(1));
        Duration third = Duration.between(at.get(2), at.get(3));
        assertTrue(third.compareTo(first) > 0 && third.compareTo(Duration.ofMillis(1000)) >= 0,
                "later and later (the status loop runs every 200 ms): " + at);
        assertTrue(operator.controller().events().all().stream().anyMatch(e -> e.reason().equals("WriteFailed")
                && e.message().contains(owner + "-refused") && e.message().contains("403")), "said in an event");
        assertTrue(operator.controller().metrics().scrape().contains("connectops_operator_write_failures_total"));
        api.rules().refuse(r -> false);
        await("written once the refusal ends", Duration.ofSeconds(60), () -> condition(current(owner + "-refused"), "Ready") != null);
    }

    /**
     * Renewals refused (a revoked permission, an API server that keeps answering 403): after the renew deadline the leader
     * stops writing, says so on /healthz, and asks to be restarted; fabric8's elector would never run again in this process.
     */
    @Test
    void aLeaderWhoseRenewalsAreRefusedStepsDownFailsLivenessAndAsksToRestart(@TempDir Path tmp) {
        java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
        ControllerOptions options = ControllerOptions.builder("kubernetes", tmp.resolve("cache")).interval(Duration.ofMillis(200))
                .resync(Duration.ofMillis(500)).shutdownTimeout(Duration.ofSeconds(10)).build();
        operator = new Operator(api.operatorClient(), List.of(NAMESPACE), options, onChange -> new LeaseLeadership(api.operatorClient(), NAMESPACE,
                "connectops-operator", "only", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200), onChange)
                .whenLost(lost::incrementAndGet), Duration.ofMillis(200));
        operator.start();
        await("leading", Duration.ofSeconds(30), () -> operator.controller().isLeader());
        // Renewed for longer than the renew deadline (the Lease says so): the Role lets it renew (a PATCH).
        await("renewed past the renew deadline", Duration.ofSeconds(30), () -> {
            var lease = client.leases().inNamespace(NAMESPACE).withName("connectops-operator").get();
            return lease != null && lease.getSpec().getRenewTime() != null && Duration.between(lease.getSpec().getAcquireTime().toInstant(),
                    lease.getSpec().getRenewTime().toInstant()).compareTo(Duration.ofSeconds(3)) > 0;
        });
        assertTrue(operator.controller().isLeader() && operator.controller().live() && lost.get() == 0);

        api.rules().refuse(r -> r.resource().equals("leases") && !r.verb().equals("get"));
        await("stepped down within the renew deadline", Duration.ofSeconds(15), () -> !operator.controller().isLeader());
        await("asked to be restarted", Duration.ofSeconds(15), () -> lost.get() == 1);
        assertFalse(operator.controller().live(), "/healthz fails: the election is over for this process");
        assertFalse(api.rules().refusedForTheTest().isEmpty());
        api.rules().refuse(r -> false);
    }

    @Test
    void aStreamingOpsConfigMapWithVariablesFromASecretIsAppliedAndDisabled(DevStack stack, @TempDir Path tmp) throws Exception {
        String owner = "m" + UUID.randomUUID().toString().substring(0, 6);
        String name = owner + "-cm";
        String secretValue = "s3cr3t-" + owner;
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        createCluster("local", stack.connectUrl().toString(), owner);
        // What a SealedSecret's controller would make from Git: a labelled Secret of variables.
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("connect-vars").withNamespace(NAMESPACE)
                .addToLabels(KubernetesSource.VARIABLES_LABEL, "true").endMetadata()
                .addToData("db.password", java.util.Base64.getEncoder().encodeToString(secretValue.getBytes()))
                .addToData("label.value", java.util.Base64.getEncoder().encodeToString("from-secret".getBytes())).build()).create();
        String program = "{\"name\": \"" + name + "\", \"config\": {\"connector.class\": \"" + NOOP + "\", \"tasks.max\": \"1\", "
                + "\"noop.label\": $LABEL_VALUE, \"noop.password\": $DB_PASSWORD}}";
        client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("pipeline").withNamespace(NAMESPACE)
                .addToLabels("destination", "connect").endMetadata().addToData("connector.json", program).build()).create();

        operator = start(tmp, List.of());
        await("connector created from the ConfigMap", Duration.ofSeconds(30),
                () -> "from-secret".equals(connect.config(name).map(c -> c.get("noop.label")).orElse(null)));
        assertEquals(secretValue, connect.config(name).orElseThrow().get("noop.password"), "the Secret's value reaches Connect");
        String seen = operator.controller().status().toString() + operator.controller().events().all()
                + operator.controller().metrics().scrape();
        assertTrue(!seen.contains(secretValue), "never in status, events or metrics");
        await("the ConfigMap's status annotation and a Created event on it", Duration.ofSeconds(30), () -> {
            var map = client.configMaps().inNamespace(NAMESPACE).withName("pipeline").get();
            String annotation = map.getMetadata().getAnnotations() == null ? null : map.getMetadata().getAnnotations().get("connectops.io/status");
            return annotation != null && annotation.startsWith("1 connector(s): 1 Synced") && eventReasons("pipeline").contains("Created");
        });
        String annotation = client.configMaps().inNamespace(NAMESPACE).withName("pipeline").get().getMetadata().getAnnotations()
                .get("connectops.io/status");
        assertTrue(!annotation.contains(secretValue), annotation);

        // enabled: "false" means the connector must not exist.
        client.configMaps().inNamespace(NAMESPACE).withName("pipeline").edit(m -> {
            m.getMetadata().getLabels().put("enabled", "false");
            return m;
        });
        await("connector deleted", Duration.ofSeconds(30), () -> connect.config(name).isEmpty());
    }

    @Test
    void annotationsPauseResumeAndRestartOnceAndOrphanKeepsTheConnector(DevStack stack, @TempDir Path tmp) {
        String owner = "n" + UUID.randomUUID().toString().substring(0, 6);
        String name = owner + "-ann";
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        createCluster("local", stack.connectUrl().toString(), owner);
        ConnectorResource resource = connector(name, "one");
        resource.getSpec().deletionPolicy = "Orphan";
        client.resource(resource).create();
        operator = start(tmp, List.of());
        await("running", Duration.ofSeconds(30), () -> connect.status(name).map(s -> s.state()).orElse("").equals("RUNNING"));

        annotate(name, "platform.confluent.io/pause-connector", "true");
        await("paused by the annotation", Duration.ofSeconds(30), () -> connect.status(name).map(s -> s.state()).orElse("").equals("PAUSED"));
        annotate(name, "platform.confluent.io/pause-connector", null);
        await("running again once it is gone", Duration.ofSeconds(30),
                () -> connect.status(name).map(s -> s.state()).orElse("").equals("RUNNING"));

        annotate(name, "platform.confluent.io/restart-connector", "true");
        await("restarted once, and the annotation acknowledged", Duration.ofSeconds(30), () -> current(name).getMetadata().getAnnotations() == null
                || !current(name).getMetadata().getAnnotations().containsKey("platform.confluent.io/restart-connector"));
        assertEquals(1, operator.controller().events().all().stream().filter(e -> e.reason().equals("Restarted")
                && name.equals(e.resource())).count(), "exactly one restart");

        // CFK's restart-task names a task: that one alone is restarted, once.
        annotate(name, "platform.confluent.io/restart-task", "0");
        await("task 0 restarted, and the annotation acknowledged", Duration.ofSeconds(30), () -> operator.controller().events().all().stream()
                .anyMatch(e -> e.reason().equals("Restarted") && name.equals(e.resource()) && e.message().endsWith("task 0 restarted"))
                && (current(name).getMetadata().getAnnotations() == null
                || !current(name).getMetadata().getAnnotations().containsKey("platform.confluent.io/restart-task")));
        assertEquals(2, operator.controller().events().all().stream().filter(e -> e.reason().equals("Restarted")
                && name.equals(e.resource())).count(), "one restart more");

        client.resources(ConnectorResource.class).inNamespace(NAMESPACE).withName(name).delete();
        await("resource gone", Duration.ofSeconds(30), () -> current(name) == null);
        long passes = syncPasses();
        await("two more passes", Duration.ofSeconds(30), () -> syncPasses() >= passes + 2);
        assertTrue(connect.config(name).isPresent(), "Orphan: the connector stays");
        assertTrue(!connect.config(name).orElseThrow().containsKey("connectops.io/owner"), "and is no longer marked as connectops'");
    }

    void annotate(String name, String key, String value) {
        edit(name, r -> {
            if (value == null) {
                r.getMetadata().getAnnotations().remove(key);
            } else {
                r.getMetadata().getAnnotations().put(key, value);
            }
            return r;
        });
    }

    /** An edit as kubectl makes it: on a conflict (the operator wrote the resource meanwhile), read again and retry. */
    void edit(String name, java.util.function.UnaryOperator<ConnectorResource> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(ConnectorResource.class).inNamespace(NAMESPACE).withName(name).edit(change);
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aStrimziKafkaConnectorIsAppliedWhenStrimziKindsAreWatched(DevStack stack, @TempDir Path tmp) {
        String owner = "s" + UUID.randomUUID().toString().substring(0, 6);
        String name = owner + "-strimzi";
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        createCluster("my-connect", stack.connectUrl().toString(), owner);
        io.fabric8.kubernetes.api.model.GenericKubernetesResource strimzi = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        strimzi.setApiVersion("kafka.strimzi.io/v1beta2");
        strimzi.setKind("KafkaConnector");
        strimzi.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).addToLabels("strimzi.io/cluster", "my-connect").build());
        strimzi.setAdditionalProperty("spec", Map.of("class", NOOP, "tasksMax", 1, "config", Map.of("noop.label", "from-strimzi")));
        client.genericKubernetesResources(ForeignKind.of("strimzi").get(0).context()).inNamespace(NAMESPACE)
                .resource(strimzi).create();

        operator = start(tmp, ForeignKind.of("strimzi"));
        await("connector created from the KafkaConnector", Duration.ofSeconds(30),
                () -> "from-strimzi".equals(connect.config(name).map(c -> c.get("noop.label")).orElse(null)));
    }

    @Test
    void aTopicResourceMakesTheTopic(DevStack stack, @TempDir Path tmp) throws Exception {
        String topic = "t" + UUID.randomUUID().toString().substring(0, 6) + "-orders";
        io.connectops.operator.crd.KafkaClusterResource kafka = new io.connectops.operator.crd.KafkaClusterResource();
        kafka.setMetadata(new ObjectMetaBuilder().withName("main").withNamespace(NAMESPACE).build());
        kafka.setSpec(new io.connectops.operator.crd.KafkaClusterResource.Spec());
        kafka.getSpec().bootstrapServers = stack.bootstrapServers();
        kafka.getSpec().ownership = new io.connectops.operator.crd.KafkaClusterResource.Ownership();
        kafka.getSpec().ownership.owner = topic;
        client.resource(kafka).create();
        io.connectops.operator.crd.TopicResource resource = new io.connectops.operator.crd.TopicResource();
        resource.setMetadata(new ObjectMetaBuilder().withName(topic).withNamespace(NAMESPACE).build());
        resource.setSpec(new io.connectops.operator.crd.TopicResource.Spec());
        resource.getSpec().partitions = 2;
        resource.getSpec().config = Map.of("retention.ms", "3600000");
        client.resource(resource).create();

        operator = start(tmp, List.of());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(stack.clientConfig())) {
            await("topic created with 2 partitions", Duration.ofSeconds(30), () -> {
                try {
                    return admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions().size() == 2;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        await("the Topic's status Synced and Ready", Duration.ofSeconds(30), () -> {
            var current = client.resources(io.connectops.operator.crd.TopicResource.class).inNamespace(NAMESPACE).withName(topic).get();
            return current.getStatus() != null && current.getStatus().conditions.stream().allMatch(c -> c.status.equals("True"))
                    && Long.valueOf(1).equals(current.getStatus().observedGeneration);
        });
    }

    @Test
    void aFailingConnectorIsRestartedUpToMaxRetriesThenDegraded(DevStack stack, @TempDir Path tmp) {
        String owner = "f" + UUID.randomUUID().toString().substring(0, 6);
        String name = owner + "-failing";
        createCluster("local", stack.connectUrl().toString(), owner);
        ConnectorResource resource = connector(name, "x");
        resource.getSpec().config = Map.of("noop.label", "x", "noop.fail", "true");
        ConnectorResource.RestartPolicy policy = new ConnectorResource.RestartPolicy();
        policy.type = "OnFailure";
        policy.maxRetries = 2;
        resource.getSpec().restartPolicy = policy;
        client.resource(resource).create();
        operator = start(tmp, List.of());
        await("Degraded after 2 restarts", Duration.ofSeconds(60), () -> {
            ConnectorResource now = current(name);
            return now != null && now.getStatus() != null && Integer.valueOf(2).equals(now.getStatus().restarts)
                    && now.getStatus().conditions != null && now.getStatus().conditions.stream()
                    .anyMatch(c -> c.type.equals("Ready") && c.status.equals("False") && c.reason.equals("Degraded"));
        });
        assertTrue(current(name).getStatus().message.contains("failing on purpose"), current(name).getStatus().message);
        await("Restarted and Degraded events", Duration.ofSeconds(30),
                () -> eventReasons(name).contains("Restarted") && eventReasons(name).contains("Degraded"));
    }
}
