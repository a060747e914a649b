package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConnectCluster {@code spec.workers} on fabric8's mock server (CRUD): the rendered Deployment, Service, worker
 * ConfigMap and plugins Secret with owner references; a scale from 1 to 2 replicas that does not roll the workers;
 * a plugin change that does; a hand-made scale put back; ready workers and the plugins the (real, embedded)
 * workers list in the status; an object of the same name that connectops did not make left alone; nothing
 * written in a steady state. No kubelet runs here: pods never start, the Deployment's status is set by the test.
 */
@ExtendWith(DevStackExtension.class)
class OperatorWorkersTest {
    static final String NAMESPACE = OperatorAgainstConnectTest.NAMESPACE;
    static final String SHA512 = "ab".repeat(64);

    KubernetesClient client;
    io.connectops.operator.apiserver.RuledMockServer api;
    Operator operator;
    String name;

    @BeforeEach
    void crds() {
        name = "w" + UUID.randomUUID().toString().substring(0, 6);
    }

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

    ConnectClusterResource cluster(String clusterName, String url, String bootstrapServers) {
        ConnectClusterResource cluster = new ConnectClusterResource();
        cluster.setMetadata(new ObjectMetaBuilder().withName(clusterName).withNamespace(NAMESPACE).build());
        ConnectClusterResource.Spec spec = new ConnectClusterResource.Spec();
        spec.url = url; // the embedded workers stand in for the rendered ones, which never start here
        spec.ownership = Map.of("owner", clusterName);
        spec.pluginStorageLimit = "512Mi";
        ConnectClusterResource.Plugin plugin = new ConnectClusterResource.Plugin();
        plugin.name = "jdbc";
        plugin.url = "https://downloads.example.com/kafka-connect-jdbc-10.8.0.zip";
        plugin.sha512 = SHA512;
        spec.plugins = List.of(plugin);
        ConnectClusterResource.Workers workers = new ConnectClusterResource.Workers();
        workers.replicas = 1;
        workers.bootstrapServers = bootstrapServers;
        workers.config = Map.of("offset.flush.interval.ms", "5000");
        workers.mountedSecrets = List.of("db-credentials");
        spec.workers = workers;
        cluster.setSpec(spec);
        return cluster;
    }

    Deployment deployment(String clusterName) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(clusterName + "-connect").get();
    }

    ConnectClusterResource current(String clusterName) {
        return client.resources(ConnectClusterResource.class).inNamespace(NAMESPACE).withName(clusterName).get();
    }

    void editWorkers(java.util.function.Consumer<ConnectClusterResource.Spec> change) {
        client.resources(ConnectClusterResource.class).inNamespace(NAMESPACE).withName(name).edit(c -> {
            change.accept(c.getSpec());
            return c;
        });
    }

    @Test
    void workersAreRenderedScaledRolledOnAPluginChangeAndReported(DevStack stack, @TempDir Path tmp) {
        ConnectClusterResource created = client.resource(cluster(name, stack.connectUrl().toString(), stack.bootstrapServers())).create();
        operator = OperatorAgainstConnectTest.startOperator(api.operatorClient(), tmp, List.of());

        Await.until("the workers' Deployment", Duration.ofSeconds(30), () -> deployment(name) != null);
        Deployment deployment = deployment(name);
        assertEquals(created.getMetadata().getUid(), deployment.getMetadata().getOwnerReferences().get(0).getUid(), "owned by the ConnectCluster");
        assertEquals(1, deployment.getSpec().getReplicas());
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(List.of("plugins", "install", "-f", "/etc/connectops/plugins/plugins.yaml", "--dir", WorkerRenderer.PLUGIN_PATH,
                "--maven-cache", WorkerRenderer.MAVEN_CACHE), pod.getInitContainers().get(0).getArgs());
        assertEquals("536870912", pod.getVolumes().stream().filter(v -> v.getName().equals("maven-cache")).findFirst().orElseThrow()
                .getEmptyDir().getSizeLimit().getAmount(), "the installer's Maven cache is bounded too (it had no limit)");
        assertTrue(pod.getInitContainers().get(0).getVolumeMounts().stream().anyMatch(m -> m.getName().equals("maven-cache")
                && m.getMountPath().equals(WorkerRenderer.MAVEN_CACHE)));
        assertEquals("536870912", pod.getVolumes().stream().filter(v -> v.getName().equals("plugins")).findFirst().orElseThrow()
                .getEmptyDir().getSizeLimit().getAmount(), "the plugins' emptyDir sized by pluginStorageLimit");
        assertTrue(pod.getContainers().get(0).getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/mnt/secrets/db-credentials")));
        ConfigMap config = client.configMaps().inNamespace(NAMESPACE).withName(name + "-connect").get();
        String properties = config.getData().get("connect-distributed.properties");
        assertTrue(properties.contains("bootstrap.servers=" + stack.bootstrapServers().replace(":", "\\:"))
                && properties.contains("plugin.path=" + WorkerRenderer.PLUGIN_PATH) && properties.contains("offset.flush.interval.ms=5000")
                && properties.contains("group.id=" + NAMESPACE + "." + name), properties);
        Secret plugins = client.secrets().inNamespace(NAMESPACE).withName(name + "-connect-plugins").get();
        assertTrue(plugins.getStringData().get("plugins.yaml").contains(SHA512));
        Service service = client.services().inNamespace(NAMESPACE).withName(name + "-connect").get();
        assertEquals(8083, service.getSpec().getPorts().get(0).getPort());

        // Ready workers (set here: no kubelet) and the plugins the workers list, in the status.
        setReady(name, 1);
        Await.until("1/1 workers ready, plugins listed", Duration.ofSeconds(30), () -> {
            ConnectClusterResource.Status status = current(name).getStatus();
            return status != null && "1/1".equals(status.workers) && status.plugins != null
                    && status.plugins.stream().anyMatch(p -> p.className.equals("org.apache.kafka.connect.file.FileStreamSourceConnector"))
                    && status.conditions.stream().anyMatch(c -> c.type.equals("WorkersReady") && c.status.equals("True"));
        });

        // A steady state writes nothing.
        long writes = operator.workerWrites();
        long passes = OperatorAgainstConnectTest.syncPasses(operator);
        Await.until("three more passes", Duration.ofSeconds(30), () -> OperatorAgainstConnectTest.syncPasses(operator) >= passes + 3);
        assertEquals(writes, operator.workerWrites(), "no writes in a steady state");

        // Scale from 1 to 2 by the ConnectCluster: the Deployment scales, the pods are not rolled.
        String configHash = deployment(name).getSpec().getTemplate().getMetadata().getAnnotations().get(WorkerRenderer.CONFIG_HASH);
        editWorkers(spec -> spec.workers.replicas = 2);
        Await.until("2 replicas", Duration.ofSeconds(30), () -> deployment(name).getSpec().getReplicas() == 2);
        assertEquals(configHash, deployment(name).getSpec().getTemplate().getMetadata().getAnnotations().get(WorkerRenderer.CONFIG_HASH));

        // A hand-made scale is put back.
        client.apps().deployments().inNamespace(NAMESPACE).withName(name + "-connect").edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        Await.until("put back to 2", Duration.ofSeconds(30), () -> deployment(name).getSpec().getReplicas() == 2);

        // A plugin change rolls the workers (a new pod template) and rewrites what the installer reads.
        editWorkers(spec -> spec.plugins.get(0).sha512 = "cd".repeat(64));
        Await.until("the pod template changed", Duration.ofSeconds(30), () -> !configHash.equals(
                deployment(name).getSpec().getTemplate().getMetadata().getAnnotations().get(WorkerRenderer.CONFIG_HASH)));
        assertTrue(client.secrets().inNamespace(NAMESPACE).withName(name + "-connect-plugins").get().getStringData().get("plugins.yaml")
                .contains("cd".repeat(64)));

        // spec.workers taken away: the workers stop (scaled to 0) instead of running on unmanaged; nothing is deleted.
        client.resources(ConnectClusterResource.class).inNamespace(NAMESPACE).withName(name).edit(c -> {
            c.getSpec().workers = null;
            return c;
        });
        Await.until("scaled to 0", Duration.ofSeconds(30), () -> deployment(name).getSpec().getReplicas() == 0);
        assertNotEquals(null, client.services().inNamespace(NAMESPACE).withName(name + "-connect").get(), "nothing deleted");
    }

    @Test
    void anObjectConnectopsDidNotMakeIsLeftAloneAndReported(DevStack stack, @TempDir Path tmp) {
        Service foreign = client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName(name + "-connect")
                .withNamespace(NAMESPACE).addToLabels(WorkerRenderer.CLUSTER_LABEL, name).addToLabels("team", "other").endMetadata()
                .withNewSpec().addNewPort().withPort(9999).endPort().endSpec().build()).create();
        client.resource(cluster(name, stack.connectUrl().toString(), stack.bootstrapServers())).create();
        operator = OperatorAgainstConnectTest.startOperator(api.operatorClient(), tmp, List.of());
        Await.until("WorkersReady False, saying why", Duration.ofSeconds(30), () -> {
            ConnectClusterResource.Status status = current(name).getStatus();
            return status != null && status.conditions.stream().anyMatch(c -> c.type.equals("WorkersReady") && c.status.equals("False")
                    && c.message != null && c.message.contains("not made by connectops"));
        });
        Service after = client.services().inNamespace(NAMESPACE).withName(name + "-connect").get();
        assertEquals(9999, after.getSpec().getPorts().get(0).getPort());
        assertEquals(foreign.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "never written");
        assertNull(after.getMetadata().getOwnerReferences() == null || after.getMetadata().getOwnerReferences().isEmpty() ? null : "owned");
        assertNull(deployment(name), "nothing that would use the foreign Service is created");
        assertNull(client.configMaps().inNamespace(NAMESPACE).withName(name + "-connect").get());
    }

    void setReady(String clusterName, int ready) {
        Deployment d = deployment(clusterName);
        // As the Deployment controller writes it once the current template is rolled out.
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(ready).withUpdatedReplicas(ready)
                .withReadyReplicas(ready).withObservedGeneration(d.getMetadata().getGeneration()).build());
        client.apps().deployments().inNamespace(NAMESPACE).resource(d).updateStatus();
    }
}
