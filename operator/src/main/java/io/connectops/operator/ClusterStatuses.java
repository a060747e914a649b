package io.connectops.operator;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectops.controller.ControllerStatus;
import io.connectops.operator.crd.Condition;
import io.connectops.operator.crd.ConnectClusterResource;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The status of ConnectCluster and KafkaCluster resources: whether the last pass over the cluster worked, and the workers. */
final class ClusterStatuses {
    private final StatusWrites statusWrites;
    private final WriteBackoff backoff;
    private final Clock clock;

    ClusterStatuses(StatusWrites statusWrites, WriteBackoff backoff, Clock clock) {
        this.statusWrites = statusWrites;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * {@code Ready} says whether the last pass over that cluster worked (its error otherwise), once a pass ran; a
     * ConnectCluster with workers also gets {@code status.workers} ("ready/desired"), the plugins its workers list, and
     * a {@code WorkersReady} condition.
     */
    void sync(ControllerStatus status, List<io.fabric8.kubernetes.client.CustomResource<?, ?>> resources,
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
            String key = ResourceDocuments.key(resource);
            if (!backoff.due(key)) {
                continue;
            }
            try {
                statusWrites.replace(resource, next);
                backoff.succeeded(key);
            } catch (KubernetesClientException e) {
                backoff.failed(key, e);
            }
        }
    }
}
