package io.connectops.operator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.controller.ControllerStatus;
import io.connectops.controller.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns what the controller did about a connector or a Kafka resource into a Kubernetes Event on its resource
 * ({@code kubectl describe connector} shows them; a streaming-ops ConfigMap's connectors: on the ConfigMap): Created, Updated, DriftCorrected, Restarted, Degraded,
 * Recovered, ApplyFailed; a rejected revision is a {@code Rejected} Warning on each resource whose change it
 * held. Each controller event is published once. The messages are the controller's, already redacted.
 */
final class EventPublisher {
    /** Controller event reasons published as Kubernetes Events under the same reason; the rest stays in /status only. */
    private static final Set<String> REASONS = Set.of("DriftCorrected", "Restarted", "Degraded", "Recovered", "ApplyFailed",
            "RestartFailed", "OutOfSync", "Orphaned", "OffsetsReset", "OffsetsSet", "OffsetsFailed");
    private static final Set<String> WARNINGS = Set.of("Degraded", "ApplyFailed", "RestartFailed", "Rejected", "OutOfSync", "OffsetsFailed");

    private final KubernetesClient client;
    private final KubernetesSource source;
    private Event lastPublished;

    EventPublisher(KubernetesClient client, KubernetesSource source) {
        this.client = client;
        this.source = source;
    }

    /** Publishes the controller's events that came after the last one published. */
    void publish(ControllerStatus status, List<Event> events, io.connectops.model.Targets desired) {
        int from = lastPublished == null ? 0 : events.lastIndexOf(lastPublished) + 1;
        if (from == 0 && lastPublished != null && !events.isEmpty() && events.get(0).time().isBefore(lastPublished.time())) {
            return; // the last one fell out of the bounded list while older ones remain: nothing is safely new
        }
        Map<String, io.fabric8.kubernetes.api.model.HasMetadata> byName = new HashMap<>();
        // A connector from a streaming-ops ConfigMap: its events go on the ConfigMap.
        Map<String, io.fabric8.kubernetes.api.model.HasMetadata> maps = new HashMap<>();
        source.configMaps().forEach(m -> maps.put(ResourceDocuments.key(m), m));
        if (desired != null) {
            desired.clusters().forEach(t -> t.connectors().forEach(c -> {
                io.fabric8.kubernetes.api.model.HasMetadata map = maps.get(c.source().file());
                if (map != null) {
                    byName.put(c.name(), map);
                }
            }));
        }
        source.connectors().forEach(c -> byName.put(c.getMetadata().getName(), c));
        // A Topic, Acl or User resource: under the id the controller reports it by ("topic/orders"); when two Kafka
        // clusters declare the same id, neither gets the other's events.
        Set<String> twice = new java.util.HashSet<>();
        for (io.fabric8.kubernetes.client.CustomResource<?, ?> kafka : source.kafkaResources()) {
            String id = StatusWriter.kafkaId(kafka);
            if (id != null && byName.putIfAbsent(id, kafka) != null) {
                twice.add(id);
            }
        }
        twice.forEach(byName::remove);
        for (int i = Math.max(0, from); i < events.size(); i++) {
            Event event = events.get(i);
            lastPublished = event;
            if (event.reason().equals("RevisionRejected")) {
                rejected(status, event);
                continue;
            }
            String reason = event.reason().equals("Applied")
                    ? (event.message().endsWith(": created") ? "Created" : event.message().endsWith(": deleted") ? "Deleted" : "Updated")
                    : REASONS.contains(event.reason()) ? event.reason() : null;
            io.fabric8.kubernetes.api.model.HasMetadata resource = event.resource() == null ? null : byName.get(event.resource());
            if (reason != null && resource != null) {
                emit(resource, reason, event.message());
            }
        }
    }

    /** A rejected snapshot: a Warning on each resource whose generation it was the first to hold. */
    private void rejected(ControllerStatus status, Event event) {
        KubernetesSource.Snapshot attempted = source.snapshot(status.lastAttemptedRevision());
        KubernetesSource.Snapshot applied = source.snapshot(status.lastAppliedRevision());
        if (attempted == null) {
            return;
        }
        List<io.fabric8.kubernetes.api.model.HasMetadata> resources = new java.util.ArrayList<>(source.connectors());
        resources.addAll(source.kafkaResources());
        for (io.fabric8.kubernetes.api.model.HasMetadata resource : resources) {
            String key = ResourceDocuments.key(resource);
            Long generation = attempted.generations().get(key);
            if (generation != null && (applied == null || !generation.equals(applied.generations().get(key)))) {
                emit(resource, "Rejected", event.message());
            }
        }
    }

    /** Events recently published, by resource, reason and message: the same one again within the window is not repeated. */
    private final Map<String, java.time.Instant> recent = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.time.Instant> eldest) {
            return size() > 10_000;
        }
    });
    static final java.time.Duration REPEAT_WINDOW = java.time.Duration.ofMinutes(10);

    void emit(io.fabric8.kubernetes.api.model.HasMetadata resource, String reason, String message) {
        // A connector failing again and again says so once per window, not once per pass (the Role grants events create
        // only: counting into one Event, as kubectl's aggregation does, would need patch).
        java.time.Instant at = java.time.Instant.now();
        String key = resource.getMetadata().getUid() + "|" + reason + "|" + message;
        java.time.Instant last = recent.get(key);
        if (last != null && java.time.Duration.between(last, at).compareTo(REPEAT_WINDOW) < 0) {
            return;
        }
        recent.put(key, at);
        String now = at.toString();
        try {
            client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(resource.getMetadata().getName() + ".").endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                            .withName(resource.getMetadata().getName()).withNamespace(resource.getMetadata().getNamespace())
                            .withUid(resource.getMetadata().getUid()).build())
                    .withReason(reason).withMessage(message).withType(WARNINGS.contains(reason) ? "Warning" : "Normal")
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("connectops-operator").endSource().build()).create();
        } catch (KubernetesClientException e) {
            // An event is best effort: the same is in /status and the resource's status.
        }
    }
}
