package io.connectops.operator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.connectops.controller.ControllerStatus;
import io.connectops.controller.ResourceStatus;
import io.connectops.operator.crd.Condition;
import io.connectops.operator.crd.ConnectorResource;
import io.connectops.status.Health;
import io.connectops.status.SyncState;

/**
 * The status a {@code Connector} resource should have, from what the controller saw and the snapshot that was applied:
 * conditions Synced and Ready (a condition's transition time moves only when its status does), state, tasks,
 * restarts, the revision and the last offsets change.
 */
final class ConnectorStatuses {
    private final KubernetesSource source;
    private final Clock clock;

    ConnectorStatuses(KubernetesSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The status this resource should have now, or null to leave it as it is (nothing known yet). */
    ConnectorResource.Status wanted(ConnectorResource resource, String key, ResourceStatus seen, ControllerStatus status) {
        ConnectorResource.Status old = resource.getStatus();
        ConnectorResource.Status next = new ConnectorResource.Status();
        String now = clock.instant().toString();
        Long generation = resource.getMetadata().getGeneration();
        KubernetesSource.Snapshot attempted = source.snapshot(status.lastAttemptedRevision());
        // Refused: the whole revision (a controller error), or this resource's namespace alone (its bad input refuses only it).
        String rejection = status.lastError() != null ? status.lastError()
                : attempted == null ? null : attempted.rejections().get(NamespacedLoader.namespaceOf(key));
        boolean rejected = rejection != null && attempted != null && attempted.generations().containsKey(key)
                && Objects.equals(attempted.generations().get(key), generation);
        if (seen == null && !rejected) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        if (seen == null) {
            conditions.add(condition(old, "Synced", "False", "Rejected", rejection, generation, now));
            conditions.add(condition(old, "Ready", "False", "Rejected", "not applied: see Synced", generation, now));
            next.conditions = conditions;
            next.observedGeneration = generation;
            return next;
        }
        KubernetesSource.Snapshot applied = source.snapshot(seen.lastAppliedRevision());
        Long observed = applied == null ? (old == null ? null : old.observedGeneration) : applied.generations().get(key);
        boolean synced = seen.sync() == SyncState.Synced && Objects.equals(observed, generation);
        conditions.add(condition(old, "Synced", synced ? "True" : "False", seen.sync().name(),
                seen.lastError() != null ? seen.lastError() : rejected ? rejection : null, observed, now));
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

    static Condition condition(List<Condition> old, String type, String status, String reason, String message, Long generation,
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
}
