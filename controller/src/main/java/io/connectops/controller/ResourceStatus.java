package io.connectops.controller;

import io.connectops.status.Health;
import io.connectops.status.SyncState;

/**
 * The controller's view of one declared connector, as {@code /status} shows it.
 *
 * @param lastAppliedRevision the commit whose declaration the cluster last matched
 * @param lastError           the last failure (apply, restart) or null; never holds a secret value
 * @param message             a short human reason for the health (the failed task's first trace line, ...)
 */
public record ResourceStatus(String cluster, String connector, SyncState sync, Health health, String lastAppliedRevision,
                             String lastError, int restartCount, String message) {
}
