package io.connectops.connect;

import java.util.List;
import java.util.Map;

/**
 * A connector as Connect reports it: its config and (when known) its status.
 *
 * @param type   "source", "sink" or "unknown"
 * @param status null when Connect had no status for it (yet)
 */
public record LiveConnector(String name, Map<String, String> config, String type, ConnectorStatus status) {
    public LiveConnector {
        config = Map.copyOf(config);
    }

    /** RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING, or UNKNOWN without a status. */
    public String state() {
        return status == null ? "UNKNOWN" : status.state();
    }

    /** The state and worker of the connector and of each task, with the first line of a failure's trace. */
    public record ConnectorStatus(String state, String workerId, String trace, List<TaskStatus> tasks) {
        public ConnectorStatus {
            tasks = List.copyOf(tasks);
        }

        public long runningTasks() {
            return tasks.stream().filter(t -> "RUNNING".equals(t.state())).count();
        }

        public List<TaskStatus> failedTasks() {
            return tasks.stream().filter(t -> "FAILED".equals(t.state())).toList();
        }
    }

    public record TaskStatus(int id, String state, String workerId, String trace) {
        /** The first line of the trace: the exception and its message, enough for a table. */
        public String traceHeadline() {
            return trace == null ? "" : trace.lines().findFirst().orElse("");
        }
    }
}
