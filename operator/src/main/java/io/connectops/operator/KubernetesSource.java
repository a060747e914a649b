package io.connectops.operator;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.plan.Digests;
import io.connectops.controller.ControllerOptions;
import io.connectops.controller.DesiredSource;
import io.connectops.load.InputFiles;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.VariableFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The desired state from the Kubernetes API: {@code Connector} and {@code ConnectCluster} resources and
 * streaming-ops ConfigMaps ({@code destination: connect} or {@code ccloud}) in the watched namespaces, kept by
 * informers (one watch each, a local cache, no polling). A revision is a snapshot of those caches; its id
 * changes when a spec does (a resource's generation, a ConfigMap's version), not when the operator writes a
 * status. Each resource becomes the document it stands for and goes through the same loader as a file, so a
 * resource is accepted or refused exactly as the CLI would.
 *
 * <p>A resource being deleted is left out of the snapshot: the controller then prunes what connectops owns
 * of it, and the finalizer is released once a pass applied such a snapshot ({@link #excludedIn}).
 */
public final class KubernetesSource implements DesiredSource {
    static final String FINALIZER = "connectops.io/finalizer";
    /**
     * Secrets with this label hold variables: each key is a secret variable ({@code {{ key }}}, and {@code $KEY}
     * in a streaming-ops jq program). A SealedSecret's controller makes such a Secret from what is in Git.
     */
    static final String VARIABLES_LABEL = "connectops.io/variables";
    /** Per resource: the restart token an annotation stands for, fixed when the annotation first appears. */
    private final RestartAnnotations restartTokens = new RestartAnnotations();

    private final KubernetesClient client;
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private final InformerHealth health = new InformerHealth();
    private final List<SharedIndexInformer<ConnectorResource>> connectorInformers = new ArrayList<>();
    private final List<SharedIndexInformer<ConnectClusterResource>> clusterInformers = new ArrayList<>();
    /** The Kafka kinds' resources (KafkaCluster, Topic, Acl, User): applied like their files; no status written yet. */
    private final List<SharedIndexInformer<? extends HasMetadata>> kafkaInformers = new ArrayList<>();
    static final List<Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>>> KAFKA_KINDS = List.of(
            io.connectops.operator.crd.KafkaClusterResource.class, io.connectops.operator.crd.TopicResource.class,
            io.connectops.operator.crd.AclResource.class, io.connectops.operator.crd.UserResource.class);
    private final List<SharedIndexInformer<ConfigMap>> configMapInformers = new ArrayList<>();
    private final List<SharedIndexInformer<io.fabric8.kubernetes.api.model.Secret>> secretInformers = new ArrayList<>();
    private final List<String> namespaces;
    /** Other tools' kinds watched as well (CFK, Strimzi), for a migration where their operators do not run. */
    private final List<ForeignKind> foreignKinds;
    private final List<SharedIndexInformer<io.fabric8.kubernetes.api.model.GenericKubernetesResource>> foreignInformers = new ArrayList<>();

    private volatile Runnable onChange = () -> { };
    /** Per revision id: the generation of each resource it holds, and the resources it left out because they are being deleted. */
    private final Map<String, Snapshot> snapshots = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > 64; // bounded: only recent revisions are asked about; the least recently used goes
        }
    });
    private final NamespacedLoader loader = new NamespacedLoader();

    /**
     * One revision: the documents, and what the status writer needs to know about it. {@code rejections} is filled when it
     * is loaded: the namespaces refused, with why (the others are applied).
     */
    record Snapshot(String sha, String message, List<InputFiles.Input> documents, Map<String, Long> generations, Set<String> excluded,
                    List<io.fabric8.kubernetes.api.model.Secret> variableSecrets, Map<String, String> restarts,
                    Map<String, String> rejections) implements DesiredSource.Revision {
        @Override
        public String toString() {
            return "Snapshot[" + sha + ", " + message + "]"; // never the Secrets
        }
    }

    /** @param namespaces the namespaces to watch; empty for all (a cluster-wide role is then needed) */
    public KubernetesSource(KubernetesClient client, List<String> namespaces) {
        this(client, namespaces, List.of());
    }

    public KubernetesSource(KubernetesClient client, List<String> namespaces, List<ForeignKind> foreignKinds) {
        this.client = client;
        this.namespaces = List.copyOf(namespaces);
        this.foreignKinds = List.copyOf(foreignKinds);
    }

    /** Starts the informers and waits for their first list; {@code onChange} runs after every change. */
    public void start(Runnable onChange) {
        this.onChange = onChange;
        ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata resource) {
                changed();
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                changed();
            }

            @Override
            public void onDelete(HasMetadata resource, boolean unknownFinalState) {
                changed();
            }
        };
        for (String namespace : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
            var connectors = namespace == null ? client.resources(ConnectorResource.class).inAnyNamespace()
                    : client.resources(ConnectorResource.class).inNamespace(namespace);
            var clusters = namespace == null ? client.resources(ConnectClusterResource.class).inAnyNamespace()
                    : client.resources(ConnectClusterResource.class).inNamespace(namespace);
            var configMaps = namespace == null ? client.configMaps().inAnyNamespace() : client.configMaps().inNamespace(namespace);
            SharedIndexInformer<ConnectorResource> c = connectors.inform(cast(handler));
            SharedIndexInformer<ConnectClusterResource> k = clusters.inform(cast(handler));
            SharedIndexInformer<ConfigMap> m = configMaps.withLabelIn("destination", "connect", "ccloud").inform(cast(handler));
            var secrets = namespace == null ? client.secrets().inAnyNamespace() : client.secrets().inNamespace(namespace);
            SharedIndexInformer<io.fabric8.kubernetes.api.model.Secret> v = secrets.withLabel(VARIABLES_LABEL).inform(cast(handler));
            secretInformers.add(v);
            informers.add(v);
            for (Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind : KAFKA_KINDS) {
                var resources = namespace == null ? client.resources(kind).inAnyNamespace() : client.resources(kind).inNamespace(namespace);
                SharedIndexInformer<? extends HasMetadata> k2 = resources.inform(cast(handler));
                kafkaInformers.add(k2);
                informers.add(k2);
            }
            for (ForeignKind foreign : foreignKinds) {
                var generic = client.genericKubernetesResources(foreign.context());
                SharedIndexInformer<io.fabric8.kubernetes.api.model.GenericKubernetesResource> f = (namespace == null
                        ? generic.inAnyNamespace().inform(cast(handler)) : generic.inNamespace(namespace).inform(cast(handler)));
                foreignInformers.add(f);
                informers.add(f);
            }
            connectorInformers.add(c);
            clusterInformers.add(k);
            configMapInformers.add(m);
            informers.addAll(List.of(c, k, m));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    private void changed() {
        onChange.run();
    }

    List<ConfigMap> configMaps() {
        List<ConfigMap> all = new ArrayList<>();
        configMapInformers.forEach(i -> all.addAll(i.getStore().list()));
        return all;
    }

    /** The ConnectCluster resources in the caches. */
    List<ConnectClusterResource> connectClusters() {
        List<ConnectClusterResource> all = new ArrayList<>();
        clusterInformers.forEach(i -> all.addAll(i.getStore().list()));
        return all;
    }

    /** The ConnectCluster and KafkaCluster resources in the caches. */
    List<io.fabric8.kubernetes.client.CustomResource<?, ?>> clusterResources() {
        List<io.fabric8.kubernetes.client.CustomResource<?, ?>> all = new ArrayList<>();
        clusterInformers.forEach(i -> all.addAll(i.getStore().list()));
        kafkaResources().stream().filter(r -> r instanceof io.connectops.operator.crd.KafkaClusterResource).forEach(all::add);
        return all;
    }

    /** The Kafka kinds' resources (KafkaCluster, Topic, Acl, User) in the caches. */
    List<io.fabric8.kubernetes.client.CustomResource<?, ?>> kafkaResources() {
        List<io.fabric8.kubernetes.client.CustomResource<?, ?>> all = new ArrayList<>();
        kafkaInformers.forEach(i -> i.getStore().list().forEach(r -> all.add((io.fabric8.kubernetes.client.CustomResource<?, ?>) r)));
        return all;
    }

    List<ConnectorResource> connectors() {
        List<ConnectorResource> all = new ArrayList<>();
        connectorInformers.forEach(i -> all.addAll(i.getStore().list()));
        return all;
    }

    @Override
    public Revision fetch() {
        List<HasMetadata> resources = new ArrayList<>();
        clusterInformers.forEach(i -> resources.addAll(i.getStore().list()));
        resources.addAll(connectors());
        configMapInformers.forEach(i -> resources.addAll(i.getStore().list()));
        foreignInformers.forEach(i -> resources.addAll(i.getStore().list()));
        kafkaInformers.forEach(i -> resources.addAll(i.getStore().list()));
        resources.sort(Comparator.comparing(ResourceDocuments::key));
        List<io.fabric8.kubernetes.api.model.Secret> secrets = new ArrayList<>();
        secretInformers.forEach(i -> secrets.addAll(i.getStore().list()));
        secrets.sort(Comparator.comparing(ResourceDocuments::key));
        MessageDigest sha = Digests.sha256();
        // A Secret counts by its version only: its values never go into a digest that is printed.
        secrets.forEach(secret -> Digests.update(sha, ResourceDocuments.key(secret) + "@" + secret.getMetadata().getResourceVersion()));
        List<InputFiles.Input> documents = new ArrayList<>();
        Map<String, Long> generations = new LinkedHashMap<>();
        Set<String> excluded = new TreeSet<>();
        Map<String, String> restarts = new LinkedHashMap<>();
        for (HasMetadata resource : resources) {
            String key = ResourceDocuments.key(resource);
            // An Orphan resource stays declared while it is being deleted: nothing prunes it before it is given up.
            boolean deleting = resource.getMetadata().getDeletionTimestamp() != null && !ResourceDocuments.orphan(resource);
            // Another tool's resources count by version: their status is written by nobody here, and labels matter too.
            // A ConfigMap counts by what it declares (labels and data), not its version: the operator's own status
            // annotation on it is not a change.
            String version = resource instanceof ConfigMap map ? Digests.of(String.valueOf(new TreeMap<>(map.getMetadata().getLabels() == null
                    ? Map.of() : map.getMetadata().getLabels())) + "\n" + new TreeMap<>(map.getData() == null ? Map.of() : map.getData()))
                    : resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource
                    ? resource.getMetadata().getResourceVersion() : String.valueOf(resource.getMetadata().getGeneration());
            String restart = restartTokens.token(resource, key);
            String paused = resource instanceof ConnectorResource ? ResourceDocuments.stateOverride(resource) : null;
            Digests.update(sha, key + "@" + version + (deleting ? " deleting" : "") + " restart=" + restart + " state=" + paused);
            if (deleting) {
                excluded.add(key);
                continue;
            }
            if (restart != null) {
                restarts.put(key, restart);
            }
            generations.put(key, resource.getMetadata().getGeneration());
            documents.add(new InputFiles.Input(key, ResourceDocuments.document(resource, paused, restart)));
        }
        String id = HexFormat.of().formatHex(sha.digest());
        Snapshot snapshot = new Snapshot(id, documents.size() + " resource(s)" + (excluded.isEmpty() ? "" : ", " + excluded.size()
                + " being deleted"), documents, generations, excluded, secrets, restarts, new ConcurrentHashMap<>());
        Snapshot known = snapshots.putIfAbsent(id, snapshot);
        return known != null ? known : snapshot; // the same revision again keeps what loading it found
    }

    /** The snapshot with this id, if still known. */
    Snapshot snapshot(String id) {
        return id == null ? null : snapshots.get(id);
    }

    /** Whether the revision {@code id} left {@code key} out (it was being deleted). */
    boolean excludedIn(String id, String key) {
        Snapshot snapshot = snapshot(id);
        return snapshot != null && snapshot.excluded().contains(key);
    }

    /** The resource in the caches that declares the user whose generated password {@code location} holds. */
    HasMetadata passwordOwner(String location) {
        List<HasMetadata> candidates = new ArrayList<>(kafkaResources());
        foreignInformers.forEach(i -> candidates.addAll(i.getStore().list()));
        return candidates.stream().filter(r -> location.equals(ResourceDocuments.passwordLocation(r))).findFirst().orElse(null);
    }

    @Override
    public io.connectops.apply.PasswordStore passwords(ControllerOptions options) {
        return new SecretPasswords(client, this::passwordOwner);
    }

    @Override
    public Loaded load(DesiredSource.Revision revision, ControllerOptions options, io.connectops.secrets.Redactor redactor) {
        return loader.load((Snapshot) revision, options, redactor);
    }

    /** Every informer watching, or not for less than two minutes (a watch reconnecting is no failure). */
    @Override
    public boolean live() {
        return live(Duration.ofMinutes(2));
    }

    /** The informers, for health checks and tests. */
    List<SharedIndexInformer<? extends HasMetadata>> informers() {
        return List.copyOf(informers);
    }

    /** As {@link #live()}, with the time an informer may go without its watch. */
    boolean live(Duration grace) {
        return health.live(informers, grace);
    }

    /** In the operator's own namespace (its client's), so every replica reads the same; a file where there is none. */
    @Override
    public io.connectops.controller.StateStore state(ControllerOptions options) {
        String namespace = client.getNamespace();
        return namespace == null ? DesiredSource.super.state(options) : new ConfigMapStateStore(client, namespace);
    }

    @Override
    public String uri() {
        return "kubernetes:" + client.getMasterUrl() + (namespaces.isEmpty() ? " (all namespaces)" : " " + namespaces);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
