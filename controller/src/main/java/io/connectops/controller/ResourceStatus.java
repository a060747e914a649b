package io.connectops.controller;

import java.util.List;

import io.connectops.status.Health;
import io.connectops.status.SyncState;

/**
 * The controller's view of one declared resource (a connector; a topic, ACL set or user), as {@code /status}
 * shows it and the operator writes it back.
 *
 * @param lastAppliedRevision the revision whose declaration the cluster last matched
 * @param lastError           the last failure (apply, restart) or null; never holds a secret value
 * @param message             a short human reason for the health (the failed task's first trace line, ...)
 * @param state               the connector's state as Connect reports it (RUNNING, PAUSED, FAILED, ...), or null
 * @param tasks               its tasks (worker, state, first trace line), empty when unknown
 * @param lastOffsetsChange   the last {@code spec.offsets} change acted on ("reset (token 't2')"), or null
 */
public record ResourceStatus(String cluster, String connector, SyncState sync, Health health, String lastAppliedRevision,
                             String lastError, int restartCount, String message, String state, List<Task> tasks,
                             String lastOffsetsChange) {
    public ResourceStatus {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public ResourceStatus(String cluster, String connector, SyncState sync, Health health, String lastAppliedRevision,
                          String lastError, int restartCount, String message, String state, List<Task> tasks) {
        this(cluster, connector, sync, health, lastAppliedRevision, lastError, restartCount, message, state, tasks, null);
    }

    public ResourceStatus(String cluster, String connector, SyncState sync, Health health, String lastAppliedRevision,
                          String lastError, int restartCount, String message) {
        this(cluster, connector, sync, health, lastAppliedRevision, lastError, restartCount, message, null, List.of());
    }

    /** One task: the first line of its failure trace only. */
    public record Task(int id, String state, String workerId, String trace) {
    }

    /** "running/total", or null when the tasks are not known. */
    public String tasksReady() {
        return state == null ? null : tasks.stream().filter(t -> "RUNNING".equals(t.state())).count() + "/" + tasks.size();
    }
}
