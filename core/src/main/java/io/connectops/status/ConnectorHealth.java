package io.connectops.status;

import java.util.stream.Collectors;

import io.connectops.connect.LiveConnector;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.RestartPolicy;

/**
 * What Connect's status of one connector means for its health, and how to say why in one line: the
 * vocabulary every front end shares (the controller's /status, the operator's conditions, the dashboard).
 */
public final class ConnectorHealth {
    private ConnectorHealth() {
    }

    /** @param gaveUp true once healing stopped restarting it (maxRetries reached) */
    public static Health of(ConnectorSpec spec, LiveConnector connector, boolean gaveUp) {
        if (connector == null || connector.status() == null) {
            return Health.Missing;
        }
        if (failed(connector)) {
            return gaveUp || spec.restartPolicy().type() == RestartPolicy.Type.Never ? Health.Degraded : Health.Progressing;
        }
        String state = connector.state();
        if ("PAUSED".equals(state) || "STOPPED".equals(state)) {
            return Health.Suspended;
        }
        return running(connector) ? Health.Healthy : Health.Progressing;
    }

    /** The connector or one of its tasks is FAILED. */
    public static boolean failed(LiveConnector connector) {
        return "FAILED".equals(connector.state()) || !connector.status().failedTasks().isEmpty();
    }

    /** RUNNING with every task running; zero tasks is a healthy answer too (a MirrorSourceConnector with nothing to mirror yet). */
    public static boolean running(LiveConnector connector) {
        LiveConnector.ConnectorStatus status = connector.status();
        return "RUNNING".equals(connector.state()) && status.runningTasks() == status.tasks().size();
    }

    /** The first line of each failure's trace: what status and events show. */
    public static String failure(LiveConnector connector) {
        LiveConnector.ConnectorStatus status = connector.status();
        if ("FAILED".equals(status.state())) {
            return "connector failed: " + (status.trace() == null ? "" : status.trace().lines().findFirst().orElse(""));
        }
        return status.failedTasks().stream().map(t -> "task " + t.id() + ": " + t.traceHeadline()).collect(Collectors.joining("; "));
    }
}
