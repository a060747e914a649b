package io.connectops.operator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.connectops.controller.ControllerStatus;
import io.connectops.controller.ResourceStatus;
import io.connectops.operator.crd.Condition;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.connectops.status.Health;
import io.connectops.status.SyncState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes what the controller saw back to each {@code Connector} resource, and keeps its finalizer. Computes
 * the status each resource should have from the controller's view and the informer's copy, and writes only
 * when it differs (a steady state writes nothing); a condition's {@code lastTransitionTime} moves only when
 * its status does. A resource being deleted keeps its finalizer until a pass applied a snapshot without it
 * (its connector pruned when connectopsowns it), or until {@link Finalizers#TIMEOUT} passed (the cluster may
 * be gone: the resource is released, and the status said why).
 */
final class StatusWriter {
    private final KubernetesClient client;
    private final KubernetesSource source;
    private final Clock clock;
    /** Gives up what a resource with deletionPolicy Orphan declared: the controller's. */
    private final Disowner disown;
    private final AtomicLong writes = new AtomicLong();
    private final Finalizers finalizers;
    private final ConnectorStatuses connectorStatuses;
    private final WriteBackoff backoff;

    /** Leaves a connector or a Kafka resource in place, no longer connectops' (what was done, in words; throws when it cannot). */
    interface Disowner {
        String connector(String cluster, String connector);

        /** Remembers to give a connector up at the next pass that reaches its cluster (its resource is released now). */
        void connectorLater(String cluster, String connector);

        /** @param resource "topic/orders", "acl/User:app", "user/app" */
        String kafka(String cluster, String resource);

        /** As {@link #connectorLater}, for a Kafka resource. */
        void kafkaLater(String cluster, String resource);
    }

    StatusWriter(KubernetesClient client, KubernetesSource source, Clock clock, Disowner disown, WriteBackoff backoff) {
        this.backoff = backoff;
        this.client = client;
        this.source = source;
        this.clock = clock;
        this.disown = disown;
        this.finalizers = new Finalizers(client, source, clock, writes);
        this.connectorStatuses = new ConnectorStatuses(source, clock);
    }

    /** Status and finalizer writes so far (tests count them: none in a steady state). */
    long writes() {
        return writes.get();
    }

    static final String STATUS_ANNOTATION = "connectops.io/status";

    /**
     * A streaming-ops ConfigMap has no status: a one-line summary goes into an annotation instead ("2/2 connectors
     * Synced, 1/2 Ready (Degraded: orders-sink), revision 1a2b3c4d5e6f"), written only when it changes.
     */
    void syncConfigMaps(ControllerStatus status, io.connectops.model.Targets desired) {
        if (desired == null) {
            return;
        }
        Map<String, List<String>> connectorsByFile = new HashMap<>();
        desired.clusters().forEach(t -> t.connectors().forEach(c -> connectorsByFile.computeIfAbsent(c.source().file(), k -> new ArrayList<>())
                .add(t.name() + "/" + c.name())));
        Map<String, ResourceStatus> byConnector = new HashMap<>();
        status.resources().forEach(r -> byConnector.put(r.cluster() + "/" + r.connector(), r));
        for (io.fabric8.kubernetes.api.model.ConfigMap map : source.configMaps()) {
            List<String> connectors = connectorsByFile.getOrDefault(ResourceDocuments.key(map), List.of());
            if (connectors.isEmpty()) {
                continue;
            }
            List<ResourceStatus> seen = connectors.stream().map(byConnector::get).filter(Objects::nonNull).toList();
            long synced = seen.stream().filter(r -> r.sync() == SyncState.Synced).count();
            List<String> notReady = seen.stream().filter(r -> r.health() != Health.Healthy).map(r -> r.health() + ": " + r.connector()).toList();
            String summary = connectors.size() + " connector(s): " + synced + " Synced, " + (seen.size() - notReady.size()) + " Ready"
                    + (notReady.isEmpty() ? "" : " (" + String.join(", ", notReady) + ")")
                    + (status.lastAppliedRevision() == null ? "" : ", revision " + status.lastAppliedRevision().substring(0, 12));
            Map<String, String> annotations = map.getMetadata().getAnnotations();
            if (annotations != null && summary.equals(annotations.get(STATUS_ANNOTATION))) {
                continue;
            }
            String key = ResourceDocuments.key(map);
            if (!backoff.due(key)) {
                continue;
            }
            writes.incrementAndGet();
            try {
                client.configMaps().inNamespace(map.getMetadata().getNamespace()).withName(map.getMetadata().getName())
                        .edit(m -> {
                            m.getMetadata().getAnnotations().put(STATUS_ANNOTATION, summary);
                            return m;
                        });
                backoff.succeeded(key);
            } catch (KubernetesClientException e) {
                backoff.failed(key, e);
            }
        }
    }

    /** One pass over every Connector resource in the informers' caches. */
    void sync(ControllerStatus status) {
        Map<String, ResourceStatus> byConnector = new HashMap<>();
        status.resources().forEach(r -> byConnector.put(r.cluster() + "/" + r.connector(), r));
        Map<String, List<ResourceStatus>> byName = new HashMap<>();
        status.resources().forEach(r -> byName.computeIfAbsent(r.connector(), k -> new ArrayList<>()).add(r));
        for (ConnectorResource resource : source.connectors()) {
            String key = ResourceDocuments.key(resource);
            if (backoff.due(key)) {
                try {
                    syncOne(resource, status, byConnector, byName);
                    backoff.succeeded(key);
                } catch (KubernetesClientException e) {
                    backoff.failed(key, e);
                }
            }
        }
        for (io.fabric8.kubernetes.client.CustomResource<?, ?> resource : source.kafkaResources()) {
            String key = ResourceDocuments.key(resource);
            if (backoff.due(key)) {
                try {
                    syncKafka(resource, status);
                    backoff.succeeded(key);
                } catch (KubernetesClientException e) {
                    backoff.failed(key, e);
                }
            }
        }
    }

    /**
     * A ConnectCluster or KafkaCluster resource: {@code Ready} says whether the last pass over that cluster worked
     * (its error otherwise), once a pass ran.
     */
    void syncClusters(ControllerStatus status, List<io.fabric8.kubernetes.client.CustomResource<?, ?>> resources) {
        syncClusters(status, resources, cluster -> null);
    }

    /**
     * As above; a ConnectCluster with workers also gets {@code status.workers} ("ready/desired"), the plugins its workers
     * list, and a {@code WorkersReady} condition.
     */
    @SuppressWarnings("unchecked")
    void syncClusters(ControllerStatus status, List<io.fabric8.kubernetes.client.CustomResource<?, ?>> resources,
                      java.util.function.Function<ConnectClusterResource, WorkerReconciler.WorkerStatus> workers) {
        Map<String, ControllerStatus.ClusterState> states = new HashMap<>();
        status.clusters().forEach(c -> states.put(c.name(), c));
        String now = clock.instant().toString();
        for (io.fabric8.kubernetes.client.CustomResource<?, ?> resource : resources) {
            boolean kafka = resource instanceof io.connectops.operator.crd.KafkaClusterResource;
            if (!kafka && !(resource instanceof ConnectClusterResource) || resource.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            ControllerStatus.ClusterState state = states.get((kafka ? "kafka/" : "") + resource.getMetadata().getName());
            if (state == null || state.lastReconcile() == null) {
                continue;
            }
            Object old = resource.getStatus();
            List<Condition> oldConditions = old instanceof io.connectops.operator.crd.ConditionsStatus c ? c.conditions
                    : old instanceof ConnectClusterResource.Status c ? c.conditions : null;
            Condition ready = ConnectorStatuses.condition(oldConditions, "Ready", state.ok() ? "True" : "False", state.ok() ? "Reconciled" : "ReconcileFailed",
                    state.error(), resource.getMetadata().getGeneration(), now);
            Object next;
            if (kafka) {
                io.connectops.operator.crd.ConditionsStatus status1 = new io.connectops.operator.crd.ConditionsStatus();
                status1.conditions = List.of(ready);
                status1.observedGeneration = resource.getMetadata().getGeneration();
                next = status1;
            } else {
                ConnectClusterResource.Status status1 = new ConnectClusterResource.Status();
                status1.conditions = List.of(ready);
                status1.observedGeneration = resource.getMetadata().getGeneration();
                WorkerReconciler.WorkerStatus running = workers.apply((ConnectClusterResource) resource);
                if (running != null) {
                    boolean allReady = running.error() == null && running.workers() != null
                            && running.workers().split("/")[0].equals(running.workers().split("/")[1]);
                    status1.conditions = List.of(ready, ConnectorStatuses.condition(oldConditions, "WorkersReady", allReady ? "True" : "False",
                            running.error() != null ? "Conflict" : allReady ? "Ready" : "Progressing",
                            running.error() != null ? running.error() : running.workers() + " workers ready", resource.getMetadata().getGeneration(),
                            now));
                    status1.workers = running.workers();
                    status1.plugins = running.plugins();
                    status1.pluginsObservedFor = running.pluginsObservedFor();
                }
                next = status1;
            }
            if (Objects.equals(json(next), json(old))) {
                continue;
            }
            String key = ResourceDocuments.key(resource);
            if (!backoff.due(key)) {
                continue;
            }
            writes.incrementAndGet();
            var copy = (io.fabric8.kubernetes.client.CustomResource<Object, Object>) io.fabric8.kubernetes.client.utils.Serialization.clone(resource);
            copy.setStatus(next);
            try {
                client.resource(copy).updateStatus();
                backoff.succeeded(key);
            } catch (KubernetesClientException e) {
                backoff.failed(key, e);
            }
        }
    }

    /** The id the controller reports a Kafka kind's resource under ("topic/orders", "acl/User:app", "user/app"), or null. */
    static String kafkaId(io.fabric8.kubernetes.client.CustomResource<?, ?> resource) {
        if (resource instanceof io.connectops.operator.crd.TopicResource) {
            return "topic/" + resource.getMetadata().getName();
        }
        if (resource instanceof io.connectops.operator.crd.UserResource) {
            return "user/" + resource.getMetadata().getName();
        }
        if (resource instanceof io.connectops.operator.crd.AclResource acl && acl.getSpec() != null) {
            return "acl/" + acl.getSpec().principal;
        }
        return null;
    }

    private static String kafkaCluster(io.fabric8.kubernetes.client.CustomResource<?, ?> resource) {
        Object spec = resource.getSpec();
        if (spec instanceof io.connectops.operator.crd.TopicResource.Spec topic) {
            return topic.cluster;
        }
        if (spec instanceof io.connectops.operator.crd.AclResource.Spec acl) {
            return acl.cluster;
        }
        return spec instanceof io.connectops.operator.crd.UserResource.Spec user ? user.cluster : null;
    }

    @SuppressWarnings("unchecked")
    private void syncKafka(io.fabric8.kubernetes.client.CustomResource<?, ?> resource, ControllerStatus status) {
        String id = kafkaId(resource);
        if (id == null) {
            return;
        }
        String cluster = kafkaCluster(resource);
        // An Orphan User's password Secret outlives it: its owner reference goes before the resource does (else the garbage
        // collector deletes the credential the user asked to keep).
        java.util.function.Supplier<String> giveUp = () -> {
            String done = disown.kafka(cluster, id);
            SecretPasswords.keepAfter(client, resource);
            return done;
        };
        Runnable giveUpLater = () -> {
            disown.kafkaLater(cluster, id);
            SecretPasswords.keepAfter(client, resource);
        };
        if (finalizers.finalizing(resource, status, giveUp, giveUpLater)) {
            return;
        }
        List<ResourceStatus> matches = status.resources().stream().filter(r -> r.connector().equals(id) && r.cluster().startsWith("kafka/")
                && (cluster == null || r.cluster().equals("kafka/" + cluster))).toList();
        if (matches.size() != 1) {
            return;
        }
        ResourceStatus seen = matches.get(0);
        String key = ResourceDocuments.key(resource);
        io.connectops.operator.crd.ConditionsStatus old = (io.connectops.operator.crd.ConditionsStatus) resource.getStatus();
        List<Condition> oldConditions = old == null ? null : old.conditions;
        String now = clock.instant().toString();
        Long generation = resource.getMetadata().getGeneration();
        KubernetesSource.Snapshot applied = source.snapshot(seen.lastAppliedRevision());
        Long observed = applied == null ? (old == null ? null : old.observedGeneration) : applied.generations().get(key);
        boolean synced = seen.sync() == SyncState.Synced && Objects.equals(observed, generation);
        io.connectops.operator.crd.ConditionsStatus next = new io.connectops.operator.crd.ConditionsStatus();
        next.conditions = List.of(
                ConnectorStatuses.condition(oldConditions, "Synced", synced ? "True" : "False", seen.sync().name(), seen.lastError(), observed, now),
                ConnectorStatuses.condition(oldConditions, "Ready", seen.health() == Health.Healthy ? "True" : "False", seen.health().name(), seen.message(),
                        observed, now));
        next.observedGeneration = observed;
        next.lastAppliedRevision = seen.lastAppliedRevision() == null ? null : seen.lastAppliedRevision().substring(0, 12);
        next.message = seen.message();
        if (Objects.equals(json(next), json(old))) {
            return;
        }
        writes.incrementAndGet();
        // A copy: the informer's cached object stays as the server sent it.
        var copy = (io.fabric8.kubernetes.client.CustomResource<Object, io.connectops.operator.crd.ConditionsStatus>)
                io.fabric8.kubernetes.client.utils.Serialization.clone(resource);
        copy.setStatus(next);
        client.resource(copy).updateStatus();
    }

    private void syncOne(ConnectorResource resource, ControllerStatus status, Map<String, ResourceStatus> byConnector,
                         Map<String, List<ResourceStatus>> byName) {
        String key = ResourceDocuments.key(resource);
        String name = resource.getMetadata().getName();
        ResourceStatus seen0 = find(resource, byConnector, byName);
        String cluster = seen0 != null ? seen0.cluster() : resource.getSpec() == null ? null : resource.getSpec().cluster;
        if (finalizers.finalizing(resource, status, () -> disown.connector(cluster, name), () -> disown.connectorLater(cluster, name))) {
            return;
        }
        KubernetesSource.Snapshot applied = source.snapshot(status.lastAppliedRevision());
        if (applied != null && applied.restarts().containsKey(key) && resource.getMetadata().getAnnotations() != null) {
            // Acted on (a pass applied the snapshot holding its restart): acknowledged by taking the annotation away.
            writes.incrementAndGet();
            client.resource(resource).edit(r -> {
                ResourceDocuments.RESTART.forEach(r.getMetadata().getAnnotations()::remove);
                return r;
            });
            return;
        }
        ResourceStatus seen = find(resource, byConnector, byName);
        ConnectorResource.Status wanted = connectorStatuses.wanted(resource, key, seen, status);
        if (wanted == null || Objects.equals(json(wanted), json(resource.getStatus()))) {
            return;
        }
        writes.incrementAndGet();
        ConnectorResource copy = new ConnectorResource();
        copy.setMetadata(resource.getMetadata());
        copy.setSpec(resource.getSpec());
        copy.setStatus(wanted);
        // A replace of the whole status, at the version the informer saw: a conflict (the resource moved meanwhile)
        // fails this write, and the next pass computes it again from the newer copy. A JSON patch computed from a
        // stale copy could instead add to lists twice.
        client.resource(copy).updateStatus();
    }

    private static ResourceStatus find(ConnectorResource resource, Map<String, ResourceStatus> byConnector,
                                       Map<String, List<ResourceStatus>> byName) {
        String cluster = resource.getSpec() == null ? null : resource.getSpec().cluster;
        if (cluster != null) {
            return byConnector.get(cluster + "/" + resource.getMetadata().getName());
        }
        List<ResourceStatus> candidates = byName.getOrDefault(resource.getMetadata().getName(), List.of());
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static String json(Object value) {
        return value == null ? "null" : io.fabric8.kubernetes.client.utils.Serialization.asJson(value);
    }
}
