package io.connectops.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes what the controller saw back to each {@code Connector} resource, and keeps its finalizer. Computes
 * the status each resource should have from the controller's view and the informer's copy, and writes only
 * when it differs (a steady state writes nothing); a condition's {@code lastTransitionTime} moves only when
 * its status does. A resource being deleted keeps its finalizer until a pass applied a snapshot without it
 * (its connector pruned when connectopsowns it), or until {@link #FINALIZER_TIMEOUT} passed (the cluster may
 * be gone: the resource is released, and the status said why).
 */
final class StatusWriter {
    static final Duration FINALIZER_TIMEOUT = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final KubernetesSource source;
    private final Clock clock;
    /** Gives up what a resource with deletionPolicy Orphan declared: the controller's. */
    private final Disowner disown;
    private final AtomicLong writes = new AtomicLong();

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

    StatusWriter(KubernetesClient client, KubernetesSource source, Clock clock, Disowner disown) {
        this.client = client;
        this.source = source;
        this.clock = clock;
        this.disown = disown;
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
            writes.incrementAndGet();
            try {
                client.configMaps().inNamespace(map.getMetadata().getNamespace()).withName(map.getMetadata().getName())
                        .edit(m -> {
                            m.getMetadata().getAnnotations().put(STATUS_ANNOTATION, summary);
                            return m;
                        });
            } catch (KubernetesClientException e) {
                // moved meanwhile: the next pass writes it
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
            try {
                syncOne(resource, status, byConnector, byName);
            } catch (KubernetesClientException e) {
                // The resource changed or went meanwhile: the next pass sees the new one.
            }
        }
        for (io.fabric8.kubernetes.client.CustomResource<?, ?> resource : source.kafkaResources()) {
            try {
                syncKafka(resource, status);
            } catch (KubernetesClientException e) {
                // as above
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
            Condition ready = condition(oldConditions, "Ready", state.ok() ? "True" : "False", state.ok() ? "Reconciled" : "ReconcileFailed",
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
                    status1.conditions = List.of(ready, condition(oldConditions, "WorkersReady", allReady ? "True" : "False",
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
            writes.incrementAndGet();
            var copy = (io.fabric8.kubernetes.client.CustomResource<Object, Object>) io.fabric8.kubernetes.client.utils.Serialization.clone(resource);
            copy.setStatus(next);
            try {
                client.resource(copy).updateStatus();
            } catch (KubernetesClientException e) {
                // moved meanwhile: the next pass writes it
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
        if (finalizing(resource, status, () -> disown.kafka(cluster, id), () -> disown.kafkaLater(cluster, id))) {
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
                condition(oldConditions, "Synced", synced ? "True" : "False", seen.sync().name(), seen.lastError(), observed, now),
                condition(oldConditions, "Ready", seen.health() == Health.Healthy ? "True" : "False", seen.health().name(), seen.message(),
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
        if (finalizing(resource, status, () -> disown.connector(cluster, name), () -> disown.connectorLater(cluster, name))) {
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
        ConnectorResource.Status wanted = wanted(resource, key, seen, status);
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

    /**
     * Keeps the finalizer of a resource whose deletion deletes what it declares: adds it to a new resource; when the
     * resource is being deleted, first gives up what it declared (deletionPolicy Orphan) or waits for a pass that
     * applied a snapshot without it (what connectops owned of it pruned), then takes the finalizer away. A finalizer
     * is released after {@link #FINALIZER_TIMEOUT} in any case: a cluster gone never holds a resource forever.
     *
     * @return true when nothing more is to be done with the resource now
     */
    private boolean finalizing(HasMetadata resource, ControllerStatus status, java.util.function.Supplier<String> giveUp,
                               Runnable giveUpLater) {
        List<String> finalizers = resource.getMetadata().getFinalizers();
        boolean hasFinalizer = finalizers != null && finalizers.contains(KubernetesSource.FINALIZER);
        if (resource.getMetadata().getDeletionTimestamp() != null) {
            if (hasFinalizer && ResourceDocuments.orphan(resource) && !timedOut(resource)) {
                try {
                    giveUp.get(); // it stays, no longer connectops': then the resource may go
                } catch (RuntimeException e) {
                    return true; // tried again at the next pass, until the finalizer's time runs out
                }
            } else if (!(hasFinalizer && released(resource, status))) {
                return true;
            } else if (ResourceDocuments.orphan(resource) && giveUpLater != null) {
                try {
                    giveUpLater.run(); // released on time: the controller gives it up once the cluster answers, before any prune
                } catch (RuntimeException e) {
                    return true;
                }
            }
            if (hasFinalizer) {
                writes.incrementAndGet();
                client.resource(resource).edit(r -> {
                    r.getMetadata().getFinalizers().remove(KubernetesSource.FINALIZER);
                    return r;
                });
            }
            return true;
        }
        if (!hasFinalizer) {
            writes.incrementAndGet();
            client.resource(resource).edit(r -> {
                r.addFinalizer(KubernetesSource.FINALIZER);
                return r;
            });
            return true; // the edit brings the resource back through the informer
        }
        return false;
    }

    /** What it declared was pruned by a pass (the controller applied a snapshot without it), or it waited long enough. */
    private boolean released(HasMetadata resource, ControllerStatus status) {
        return source.excludedIn(status.lastAppliedRevision(), ResourceDocuments.key(resource)) || timedOut(resource);
    }

    private boolean timedOut(HasMetadata resource) {
        Instant since = Instant.parse(resource.getMetadata().getDeletionTimestamp());
        return Duration.between(since, clock.instant()).compareTo(FINALIZER_TIMEOUT) > 0;
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

    /** The status this resource should have now, or null to leave it as it is (nothing known yet). */
    ConnectorResource.Status wanted(ConnectorResource resource, String key, ResourceStatus seen, ControllerStatus status) {
        ConnectorResource.Status old = resource.getStatus();
        ConnectorResource.Status next = new ConnectorResource.Status();
        String now = clock.instant().toString();
        Long generation = resource.getMetadata().getGeneration();
        KubernetesSource.Snapshot attempted = source.snapshot(status.lastAttemptedRevision());
        boolean rejected = status.lastError() != null && attempted != null && attempted.generations().containsKey(key)
                && Objects.equals(attempted.generations().get(key), generation);
        if (seen == null && !rejected) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        if (seen == null) {
            conditions.add(condition(old, "Synced", "False", "Rejected", status.lastError(), generation, now));
            conditions.add(condition(old, "Ready", "False", "Rejected", "not applied: see Synced", generation, now));
            next.conditions = conditions;
            next.observedGeneration = generation;
            return next;
        }
        KubernetesSource.Snapshot applied = source.snapshot(seen.lastAppliedRevision());
        Long observed = applied == null ? (old == null ? null : old.observedGeneration) : applied.generations().get(key);
        boolean synced = seen.sync() == SyncState.Synced && Objects.equals(observed, generation);
        conditions.add(condition(old, "Synced", synced ? "True" : "False", seen.sync().name(),
                seen.lastError() != null ? seen.lastError() : rejected ? status.lastError() : null, observed, now));
        conditions.add(condition(old, "Ready", seen.health() == Health.Healthy ? "True" : "False", seen.health().name(), seen.message(),
                observed, now));
        next.conditions = conditions;
        next.connectorState = seen.state();
        next.tasks = seen.tasksReady();
        next.restarts = seen.restartCount();
        next.observedGeneration = observed;
        next.lastAppliedRevision = seen.lastAppliedRevision() == null ? null : seen.lastAppliedRevision().substring(0, 12);
        next.message = seen.message();
        next.lastOffsetsChange = seen.lastOffsetsChange();
        if (!seen.tasks().isEmpty()) {
            next.taskStatuses = seen.tasks().stream().map(t -> {
                ConnectorResource.TaskStatus task = new ConnectorResource.TaskStatus();
                task.id = t.id();
                task.state = t.state();
                task.workerId = t.workerId();
                task.trace = t.trace();
                return task;
            }).toList();
        }
        return next;
    }

    /** A condition; its transition time is the old one's when the status did not change. */
    private static Condition condition(ConnectorResource.Status old, String type, String status, String reason, String message,
                                       Long generation, String now) {
        return condition(old == null ? null : old.conditions, type, status, reason, message, generation, now);
    }

    private static Condition condition(List<Condition> old, String type, String status, String reason, String message, Long generation,
                                       String now) {
        String since = now;
        if (old != null) {
            for (Condition c : old) {
                if (type.equals(c.type) && status.equals(c.status) && c.lastTransitionTime != null) {
                    since = c.lastTransitionTime;
                }
            }
        }
        return new Condition(type, status, reason, message, generation, since);
    }

    private static String json(Object value) {
        return value == null ? "null" : io.fabric8.kubernetes.client.utils.Serialization.asJson(value);
    }
}
