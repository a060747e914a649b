package io.connectops.status;

import java.util.List;

/**
 * One connector as {@code status} shows it.
 *
 * @param owner  "connectops", "unmanaged", "owner:ID" (another connectops owner) or "unknown"
 * @param sync   whether it matches the files, or null when no files were given (or it is not declared and not owned)
 * @param health how it is doing as declared, or null when it is not declared: the controller's vocabulary
 */
public record ConnectorStatusRow(String cluster, String connector, String state, long runningTasks, int totalTasks,
                                 String owner, SyncState sync, Health health, List<Failure> failures) {
    public ConnectorStatusRow {
        failures = List.copyOf(failures);
    }

    /** A FAILED connector (task -1) or task, where it ran and the first line of its trace. */
    public record Failure(int task, String workerId, String trace) {
    }
}
