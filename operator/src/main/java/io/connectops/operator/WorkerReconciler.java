package io.connectops.operator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.Endpoints;
import io.connectops.connect.PluginInfo;
import io.connectops.connect.RetryPolicy;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.Targets;
import io.connectops.operator.crd.ConnectClusterResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workers of each ConnectCluster that declares {@code spec.workers}: renders their objects
 * ({@link WorkerRenderer}), compares them with what informers hold (a hash annotation per object; a Secret by its
 * data; a Deployment's replicas too, so a hand-made scale is put back) and writes only what differs. An object of
 * that name that connectops did not make for this ConnectCluster is never overwritten: the cluster reports it.
 * It also reads, once per rendered configuration, the plugins the workers' REST API lists.
 */
final class WorkerReconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerReconciler.class);

    private final KubernetesClient client;
    private final String installerImage;
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private final Map<Class<?>, List<SharedIndexInformer<? extends HasMetadata>>> byKind = new HashMap<>();
    private final Map<String, WorkerStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    /** What the ConnectCluster's status says of its workers. */
    record WorkerStatus(String workers, List<ConnectClusterResource.PluginStatus> plugins, String pluginsObservedFor, String error) {
    }

    WorkerReconciler(KubernetesClient client, String installerImage) {
        this.client = client;
        this.installerImage = installerImage;
    }

    /** Informers on the objects connectops made for workers (labelled with their ConnectCluster), in the watched namespaces. */
    void start(List<String> namespaces, Runnable onChange) {
        ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata resource) {
                onChange.run();
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                onChange.run();
            }

            @Override
            public void onDelete(HasMetadata resource, boolean unknownFinalState) {
                onChange.run();
            }
        };
        for (String namespace : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
            add(Deployment.class, namespace == null ? client.apps().deployments().inAnyNamespace().withLabel(WorkerRenderer.CLUSTER_LABEL)
                    .inform(cast(handler)) : client.apps().deployments().inNamespace(namespace).withLabel(WorkerRenderer.CLUSTER_LABEL)
                    .inform(cast(handler)));
            add(Service.class, namespace == null ? client.services().inAnyNamespace().withLabel(WorkerRenderer.CLUSTER_LABEL).inform(cast(handler))
                    : client.services().inNamespace(namespace).withLabel(WorkerRenderer.CLUSTER_LABEL).inform(cast(handler)));
            add(ConfigMap.class, namespace == null ? client.configMaps().inAnyNamespace().withLabel(WorkerRenderer.CLUSTER_LABEL)
                    .inform(cast(handler)) : client.configMaps().inNamespace(namespace).withLabel(WorkerRenderer.CLUSTER_LABEL).inform(cast(handler)));
            add(Secret.class, namespace == null ? client.secrets().inAnyNamespace().withLabel(WorkerRenderer.CLUSTER_LABEL).inform(cast(handler))
                    : client.secrets().inNamespace(namespace).withLabel(WorkerRenderer.CLUSTER_LABEL).inform(cast(handler)));
        }
    }

    private void add(Class<?> kind, SharedIndexInformer<? extends HasMetadata> informer) {
        informers.add(informer);
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(informer);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    /** Object writes so far (tests count them: none in a steady state). */
    long writes() {
        return writes.get();
    }

    WorkerStatus status(ConnectClusterResource cluster) {
        return statuses.get(ResourceDocuments.key(cluster));
    }

    /** One pass over the ConnectClusters with workers; {@code desired} gives their plugins with variables filled in. */
    void sync(List<ConnectClusterResource> clusters, Targets desired) {
        for (ConnectClusterResource cluster : clusters) {
            if (cluster.getSpec() == null || cluster.getMetadata().getDeletionTimestamp() != null) {
                continue; // deleting: the owner references let Kubernetes remove the workers
            }
            String key = ResourceDocuments.key(cluster);
            if (cluster.getSpec().workers == null) {
                retire(cluster, key);
                continue;
            }
            ConnectClusterSpec spec = desired == null ? null : desired.clusters().stream().map(Targets.ClusterTarget::cluster)
                    .filter(c -> c.name().equals(cluster.getMetadata().getName())).findFirst().orElse(null);
            if (spec == null) {
                continue; // not accepted yet (or rejected): the workers stay as they are until it is
            }
            try {
                WorkerRenderer.Rendered rendered = WorkerRenderer.render(cluster, spec.plugins(), installerImage);
                // An object of the workers' name that is not ours would be mounted or used as if it were (a foreign Service
                // would receive every connector config): then nothing is created or changed, and the status says why.
                List<String> foreign = rendered.all().stream().map(o -> foreign(o, cluster)).filter(Objects::nonNull).toList();
                if (!foreign.isEmpty()) {
                    statuses.put(key, new WorkerStatus(null, null, null, "workers not started: " + String.join("; ", foreign)
                            + ": rename the ConnectCluster or remove them"));
                    continue;
                }
                for (HasMetadata object : rendered.all()) {
                    apply(object, cluster);
                }
                statuses.put(key, observe(cluster, spec, rendered, null));
            } catch (WorkerConfig.Unrenderable e) {
                statuses.put(key, new WorkerStatus(null, null, null, "workers not started: " + e.getMessage()));
            } catch (KubernetesClientException e) {
                statuses.put(key, new WorkerStatus(null, null, null, "writing the workers failed: " + e.getMessage()));
            }
        }
        statuses.keySet().retainAll(clusters.stream().map(ResourceDocuments::key).toList());
    }

    /** Why {@code object}'s name is taken by something connectops did not make for this ConnectCluster, or null. */
    private String foreign(HasMetadata object, ConnectClusterResource cluster) {
        HasMetadata existing = cached(object);
        return existing == null || ours(existing, cluster) ? null
                : object.getKind() + " " + object.getMetadata().getName() + " exists and was not made by connectops for this ConnectCluster";
    }

    private static boolean ours(HasMetadata existing, ConnectClusterResource cluster) {
        return existing.getMetadata().getOwnerReferences() != null && existing.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Objects.equals(o.getUid(), cluster.getMetadata().getUid()));
    }

    /** Creates or updates one object (checked to be absent or ours). */
    private void apply(HasMetadata object, ConnectClusterResource cluster) {
        HasMetadata existing = cached(object);
        if (existing == null) {
            writes.incrementAndGet();
            client.resource(object).create();
            return;
        }
        if (!ours(existing, cluster) || !changed(existing, object)) {
            return;
        }
        writes.incrementAndGet();
        object.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.resource(object).update();
    }

    /**
     * spec.workers taken away: the workers connectops ran for the cluster stop (their Deployment scaled to 0) rather than
     * run on unmanaged. connectops deletes nothing (the Role grants no delete): the status says how to remove them.
     */
    private void retire(ConnectClusterResource cluster, String key) {
        Deployment probe = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName(WorkerRenderer.name(cluster))
                .withNamespace(cluster.getMetadata().getNamespace()).endMetadata().build();
        HasMetadata existing = informed(probe); // the workers it ran are labelled, so in the caches: no read per pass
        if (!(existing instanceof Deployment running) || !ours(running, cluster)) {
            statuses.remove(key);
            return;
        }
        if (running.getSpec().getReplicas() == null || running.getSpec().getReplicas() != 0) {
            Deployment stopped = io.fabric8.kubernetes.client.utils.Serialization.clone(running);
            stopped.getSpec().setReplicas(0);
            writes.incrementAndGet();
            client.resource(stopped).update();
        }
        statuses.put(key, new WorkerStatus("0/0", null, null, "spec.workers was removed: Deployment " + running.getMetadata().getName()
                + " is scaled to 0; delete it and its ConfigMap, Service and Secret with kubectl when they are no longer wanted"));
    }

    private static boolean changed(HasMetadata existing, HasMetadata wanted) {
        if (wanted instanceof Secret secret) {
            Map<String, String> have = new HashMap<>();
            Secret old = (Secret) existing;
            if (old.getData() != null) {
                old.getData().forEach((k, v) -> have.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (old.getStringData() != null) {
                have.putAll(old.getStringData());
            }
            return !have.equals(secret.getStringData());
        }
        String hash = existing.getMetadata().getAnnotations() == null ? null
                : existing.getMetadata().getAnnotations().get(WorkerRenderer.RENDERED_HASH);
        if (!Objects.equals(hash, wanted.getMetadata().getAnnotations().get(WorkerRenderer.RENDERED_HASH))) {
            return true;
        }
        return wanted instanceof Deployment d && !Objects.equals(d.getSpec().getReplicas(), ((Deployment) existing).getSpec().getReplicas());
    }

    private HasMetadata informed(HasMetadata object) {
        for (SharedIndexInformer<? extends HasMetadata> informer : byKind.getOrDefault(object.getClass(), List.of())) {
            HasMetadata found = informer.getStore().getByKey(object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private HasMetadata cached(HasMetadata object) {
        for (SharedIndexInformer<? extends HasMetadata> informer : byKind.getOrDefault(object.getClass(), List.of())) {
            HasMetadata found = informer.getStore().getByKey(object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
            if (found != null) {
                return found;
            }
        }
        // Not labelled for a ConnectCluster, so not in the caches: only a read can tell whether the name is taken.
        return client.resource(object).get();
    }

    /** Ready workers from the Deployment; the plugins from the REST API once per rendered configuration with a ready worker. */
    private WorkerStatus observe(ConnectClusterResource cluster, ConnectClusterSpec spec, WorkerRenderer.Rendered rendered, String error) {
        Deployment deployment = (Deployment) cached(rendered.deployment());
        int desired = rendered.deployment().getSpec().getReplicas();
        Rollout rollout = Rollout.of(deployment, desired);
        int ready = rollout.readyNew();
        error = error != null ? error : rollout.failure();
        WorkerStatus old = statuses.get(ResourceDocuments.key(cluster));
        ConnectClusterResource.Status written = cluster.getStatus();
        List<ConnectClusterResource.PluginStatus> plugins = old != null ? old.plugins() : written == null ? null : written.plugins;
        String observedFor = old != null ? old.pluginsObservedFor() : written == null ? null : written.pluginsObservedFor;
        // Plugins are listed from the new pods only: during a rollout an old pod would answer with the old plugins.
        if (rollout.done() && ready > 0 && !rendered.configHash().equals(observedFor)) {
            try {
                ConnectClient connect = new ConnectClient(Endpoints.from(spec), RetryPolicy.DEFAULT);
                List<ConnectClusterResource.PluginStatus> listed = new ArrayList<>();
                for (PluginInfo info : connect.connectorPlugins()) {
                    ConnectClusterResource.PluginStatus plugin = new ConnectClusterResource.PluginStatus();
                    plugin.className = info.className();
                    plugin.type = info.type();
                    plugin.version = info.version();
                    listed.add(plugin);
                }
                plugins = listed;
                observedFor = rendered.configHash();
            } catch (RuntimeException e) {
                LOG.debug("listing the plugins of {} failed: {}", spec.name(), e.getMessage()); // tried again at the next pass
            }
        }
        return new WorkerStatus(ready + "/" + desired, plugins, observedFor, error);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
