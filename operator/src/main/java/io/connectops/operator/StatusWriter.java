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
    private final StatusWrites statusWrites;
    private final ConfigMapStatuses configMaps;
    private final ClusterStatuses clusterStatuses;

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
        this.statusWrites = new StatusWrites(client, writes);
        this.configMaps = new ConfigMapStatuses(client, source, backoff, writes);
        this.clusterStatuses = new ClusterStatuses(statusWrites, backoff, clock);
    }

    /** Status and finalizer writes so far (tests count them: none in a steady state). */
    long writes() {
        return writes.get();
    }

    static final String STATUS_ANNOTATION = ConfigMapStatuses.STATUS_ANNOTATION;

    /** See {@link ConfigMapStatuses}. */
    void syncConfigMaps(ControllerStatus status, io.connectops.model.Targets desired) {
        configMaps.sync(status, desired);
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

    /** See {@link ClusterStatuses}. */
    void syncClusters(ControllerStatus status, List<io.fabric8.kubernetes.client.CustomResource<?, ?>> resources,
                      java.util.function.Function<ConnectClusterResource, WorkerReconciler.WorkerStatus> workers) {
        clusterStatuses.sync(status, resources, workers);
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
        statusWrites.replace(resource, next);
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
        if (wanted != null) {
            statusWrites.replace(resource, wanted);
        }
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
}
