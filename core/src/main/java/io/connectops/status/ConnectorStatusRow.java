package io.connectops.status;

import java.util.List;

/**
 * One connector as {@code status} shows it.
 *
 * @param sync "Synced", "OutOfSync", "NotDeployed" (declared, absent live) or null when no files were given
 * @param owner "connectops", "unmanaged", "owner:ID" (another connectops owner) or "unknown"
 */
public record ConnectorStatusRow(String cluster, String connector, String state, long runningTasks, int totalTasks,
                                 String owner, String sync, List<Failure> failures) {
    public ConnectorStatusRow {
        failures = List.copyOf(failures);
    }

    /** A FAILED connector (task -1) or task, where it ran and the first line of its trace. */
    public record Failure(int task, String workerId, String trace) {
    }
}
