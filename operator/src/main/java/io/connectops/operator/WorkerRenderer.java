package io.connectops.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.PluginsSpec;
import io.connectops.operator.crd.ConnectClusterResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * What a ConnectCluster with {@code spec.workers} becomes, as plain objects (no API calls): the worker properties
 * in a ConfigMap, the plugins to install in a Secret (a repository password may be in it), a Deployment whose
 * init container runs {@code connectops plugins install} into an {@code emptyDir} sized by the storage limit, and
 * a Service for the REST API. Every object is owned by the ConnectCluster and labelled as connectops'.
 * The pod template carries a hash of the properties and the plugins, so changing either rolls the workers;
 * changing {@code replicas} only scales them.
 */
final class WorkerRenderer {
    static final String CLUSTER_LABEL = "connectops.io/connect-cluster";
    static final String RENDERED_HASH = "connectops.io/rendered-hash";
    static final String CONFIG_HASH = "connectops.io/config-hash";
    /**
     * The numeric user the pods run as: the kubelet can check runAsNonRoot only against a number, and the default image's
     * user is a name ({@code appuser}, uid 1000 in apache/kafka).
     */
    static final long RUN_AS = 1000L;
    static final String HEAP_OPTS = "-XX:InitialRAMPercentage=25.0 -XX:MaxRAMPercentage=70.0";
    static final String PLUGIN_PATH = "/opt/connectops/plugins";
    /** The installer's Maven cache: its own emptyDir, bounded like the plugins (else 2Gi), never the node's whole disk. */
    static final String MAVEN_CACHE = "/var/cache/connectops/maven";
    static final String DEFAULT_MAVEN_CACHE_LIMIT = "2Gi";
    static final int REST_PORT = 8083;
    /** The worker image when none is given: Apache Kafka's own, at the version connectops is built and tested with. */
    static final String DEFAULT_IMAGE = "apache/kafka:" + org.apache.kafka.common.utils.AppInfoParser.getVersion();

    private WorkerRenderer() {
    }

    /** The objects, each with its own hash annotation (what the reconciler compares). */
    record Rendered(ConfigMap config, Secret plugins, Deployment deployment, Service service, String configHash) {
        List<HasMetadata> all() {
            List<HasMetadata> all = new ArrayList<>(List.of(config));
            if (plugins != null) {
                all.add(plugins);
            }
            all.add(service);
            all.add(deployment);
            return all;
        }
    }

    static String name(ConnectClusterResource cluster) {
        // A Service name is a DNS label (at most 63 of a-z, 0-9, '-', starting with a letter), and "-plugins" is added to it
        // for the Secret: a ConnectCluster's name (a DNS subdomain, dots and 253 characters allowed) is made to fit.
        String base = cluster.getMetadata().getName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (!Character.isLetter(base.charAt(0))) {
            base = "c-" + base;
        }
        String name = base + "-connect";
        return name.length() <= 55 && name.equals(cluster.getMetadata().getName() + "-connect") ? name
                : base.substring(0, Math.min(base.length(), 38)).replaceAll("-+$", "") + "-" + shortHash(cluster.getMetadata().getName()) + "-connect";
    }

    /** A label value is at most 63 characters: a longer cluster name is cut and told apart by a hash. */
    static String labelValue(String clusterName) {
        return clusterName.length() <= 63 ? clusterName
                : clusterName.substring(0, 54).replaceAll("[^A-Za-z0-9]+$", "") + "-" + shortHash(clusterName);
    }

    private static String shortHash(String text) {
        return sha256(text).substring(0, 8);
    }

    /** The workers' REST API inside the cluster: their Service. */
    static String serviceUrl(ConnectClusterResource cluster) {
        return "http://" + name(cluster) + "." + cluster.getMetadata().getNamespace() + ".svc:" + REST_PORT;
    }

    static Rendered render(ConnectClusterResource cluster, PluginsSpec plugins, String installerImage) {
        ConnectClusterResource.Workers workers = cluster.getSpec().workers;
        String name = name(cluster);
        String namespace = cluster.getMetadata().getNamespace();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "kafka-connect");
        labels.put("app.kubernetes.io/instance", labelValue(cluster.getMetadata().getName()));
        labels.put("app.kubernetes.io/managed-by", "connectops");
        labels.put(CLUSTER_LABEL, labelValue(cluster.getMetadata().getName()));
        Map<String, String> selector = Map.of("app.kubernetes.io/name", "kafka-connect", CLUSTER_LABEL, labelValue(cluster.getMetadata().getName()));
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion(cluster.getApiVersion()).withKind(cluster.getKind())
                .withName(cluster.getMetadata().getName()).withUid(cluster.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();

        String properties = WorkerConfig.properties(cluster, workers);
        ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner).endMetadata().addToData("connect-distributed.properties", properties).build();
        boolean installing = !plugins.plugins().isEmpty();
        String pluginsDocument = installing ? WorkerConfig.pluginsDocument(cluster, plugins) : "";
        // Repository passwords reach the installer as secret variables, as the CLI takes them: a properties file beside it.
        StringBuilder credentials = new StringBuilder();
        plugins.repositories().stream().filter(r -> r.password() != null).forEach(r -> credentials.append(WorkerConfig.secretsLine(
                WorkerConfig.passwordVariable(r), r.password(), "the password of plugin repository '" + r.name() + "'")));
        SecretBuilder secretBuilder = new SecretBuilder().withNewMetadata().withName(name + "-plugins").withNamespace(namespace)
                .withLabels(labels).withOwnerReferences(owner).endMetadata().withType("Opaque").addToStringData("plugins.yaml", pluginsDocument);
        if (credentials.length() > 0) {
            secretBuilder.addToStringData("repositories.properties", credentials.toString());
        }
        Secret pluginsSecret = !installing ? null : secretBuilder.build();
        String configHash = sha256(properties + "\n---\n" + pluginsDocument + "\n---\n" + workers.image + workers.mountedSecrets
                + workers.tlsSecrets + workers.resources);

        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("config").withNewConfigMap().withName(name).endConfigMap().build());
        mounts.add(new VolumeMountBuilder().withName("config").withMountPath("/etc/connect").withReadOnly(true).build());
        volumes.add(new VolumeBuilder().withName("plugins").withNewEmptyDir().withSizeLimit(plugins.storageLimit() > 0
                ? new Quantity(Long.toString(plugins.storageLimit())) : null).endEmptyDir().build());
        mounts.add(new VolumeMountBuilder().withName("plugins").withMountPath(PLUGIN_PATH).withReadOnly(true).build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        for (String secret : list(workers.mountedSecrets)) {
            volumes.add(new VolumeBuilder().withName(volumeName("secret-", secret)).withNewSecret().withSecretName(secret).endSecret().build());
            mounts.add(new VolumeMountBuilder().withName(volumeName("secret-", secret)).withMountPath("/mnt/secrets/" + secret).withReadOnly(true)
                    .build());
        }
        for (String secret : list(workers.tlsSecrets)) {
            volumes.add(new VolumeBuilder().withName(volumeName("tls-", secret)).withNewSecret().withSecretName(secret).endSecret().build());
            mounts.add(new VolumeMountBuilder().withName(volumeName("tls-", secret)).withMountPath("/mnt/sslcerts/" + secret).withReadOnly(true)
                    .build());
        }
        List<Container> init = new ArrayList<>();
        if (installing) {
            volumes.add(new VolumeBuilder().withName("plugins-spec").withNewSecret().withSecretName(name + "-plugins").endSecret().build());
            volumes.add(new VolumeBuilder().withName("maven-cache").withNewEmptyDir().withSizeLimit(new Quantity(plugins.storageLimit() > 0
                    ? Long.toString(plugins.storageLimit()) : DEFAULT_MAVEN_CACHE_LIMIT)).endEmptyDir().build());
            List<String> args = new ArrayList<>(List.of("plugins", "install", "-f", "/etc/connectops/plugins/plugins.yaml", "--dir", PLUGIN_PATH,
                    "--maven-cache", MAVEN_CACHE));
            if (credentials.length() > 0) {
                args.addAll(List.of("--secrets-dir", "/etc/connectops/plugins"));
            }
            // The cluster's own choice first (a mirror, a pinned build), else the operator's.
            String installer = workers.installerImage != null && !workers.installerImage.isBlank() ? workers.installerImage : installerImage;
            init.add(new ContainerBuilder().withName("install-plugins").withImage(installer).withArgs(args)
                    .withVolumeMounts(new VolumeMountBuilder().withName("plugins").withMountPath(PLUGIN_PATH).build(),
                            new VolumeMountBuilder().withName("plugins-spec").withMountPath("/etc/connectops/plugins").withReadOnly(true).build(),
                            new VolumeMountBuilder().withName("maven-cache").withMountPath(MAVEN_CACHE).build(),
                            new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                    .withSecurityContext(restricted(true)).build());
        }
        Container connect = new ContainerBuilder().withName("connect").withImage(workers.image != null ? workers.image : DEFAULT_IMAGE)
                .withCommand("/opt/kafka/bin/connect-distributed.sh", "/etc/connect/connect-distributed.properties")
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef()
                .endValueFrom().endEnv()
                // connect-distributed.sh would take 2 GB of heap whatever the container's limit (an OOM kill under 2Gi): a
                // share of the container's memory instead, the rest for metaspace, threads and direct buffers.
                .addNewEnv().withName("KAFKA_HEAP_OPTS").withValue(HEAP_OPTS).endEnv()
                .addNewPort().withName("http").withContainerPort(REST_PORT).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/").withNewPort("http").endHttpGet().withPeriodSeconds(10)
                .endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/").withNewPort("http").endHttpGet().withInitialDelaySeconds(120)
                .withPeriodSeconds(20).withFailureThreshold(6).endLivenessProbe()
                .withResources(workers.resources).withVolumeMounts(mounts)
                .withSecurityContext(restricted(false)).build();
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner).endMetadata()
                .withNewSpec().withReplicas(workers.replicas == null ? 1 : workers.replicas).withNewSelector().withMatchLabels(selector)
                .endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).addToAnnotations(CONFIG_HASH, configHash).endMetadata()
                .withNewSpec().withInitContainers(init).withContainers(connect).withVolumes(volumes)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(RUN_AS).withRunAsGroup(RUN_AS).withFsGroup(RUN_AS)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .endSpec().endTemplate().endSpec().build();
        Service service = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner).endMetadata().withNewSpec().withSelector(selector)
                .addNewPort().withName("http").withPort(REST_PORT).withNewTargetPort("http").endPort().endSpec().build();
        Rendered rendered = new Rendered(config, pluginsSecret, deployment, service, configHash);
        // A Secret is compared by its data instead: a hash of a password in an annotation would be a clue to it.
        rendered.all().stream().filter(o -> !(o instanceof Secret)).forEach(WorkerRenderer::stampHash);
        return rendered;
    }

    /**
     * What PodSecurity {@code restricted} asks of every container: no privilege escalation, every capability dropped.
     * Kafka's scripts write logs under the image, so only the installer gets a read-only root file system.
     */
    private static io.fabric8.kubernetes.api.model.SecurityContext restricted(boolean readOnlyRoot) {
        return new io.fabric8.kubernetes.api.model.SecurityContextBuilder().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRoot ? true : null).withNewCapabilities().withDrop("ALL").endCapabilities().build();
    }

    /**
     * A volume's name for a Secret: a DNS label (63 characters of [a-z0-9-]) where a Secret's name may have dots and 253
     * characters; a hash of the whole name keeps two long or dotted names apart.
     */
    static String volumeName(String prefix, String secret) {
        String label = (prefix + secret).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (label.equals(prefix + secret) && label.length() <= 63) {
            return label;
        }
        String hash = sha256(secret).substring(0, 8);
        String head = label.substring(0, Math.min(label.length(), 63 - hash.length() - 1)).replaceAll("-+$", "");
        return head + "-" + hash;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** Sets the object's hash annotation from its rendered content (without the annotation itself). */
    private static void stampHash(HasMetadata object) {
        String hash = sha256(io.fabric8.kubernetes.client.utils.Serialization.asJson(object));
        if (object.getMetadata().getAnnotations() == null) {
            object.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        object.getMetadata().getAnnotations().put(RENDERED_HASH, hash);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
