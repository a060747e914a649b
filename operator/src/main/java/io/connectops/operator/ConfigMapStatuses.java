package io.connectops.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.connectops.controller.ControllerStatus;
import io.connectops.controller.ResourceStatus;
import io.connectops.status.Health;
import io.connectops.status.SyncState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A streaming-ops ConfigMap has no status: a one-line summary of its connectors goes into an annotation, written only
 * when it changes (the operator's own annotation is not a change of the ConfigMap).
 */
final class ConfigMapStatuses {
    private final KubernetesClient client;
    private final KubernetesSource source;
    private final WriteBackoff backoff;
    private final AtomicLong writes;

    ConfigMapStatuses(KubernetesClient client, KubernetesSource source, WriteBackoff backoff, AtomicLong writes) {
        this.client = client;
        this.source = source;
        this.backoff = backoff;
        this.writes = writes;
    }

    static final String STATUS_ANNOTATION = "connectops.io/status";

    /**
     * A streaming-ops ConfigMap has no status: a one-line summary goes into an annotation instead ("2/2 connectors
     * Synced, 1/2 Ready (Degraded: orders-sink), revision 1a2b3c4d5e6f"), written only when it changes.
     */
    void sync(ControllerStatus status, io.connectops.model.Targets desired) {
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
}
