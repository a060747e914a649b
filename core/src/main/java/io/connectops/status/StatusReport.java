package io.connectops.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.model.ConnectorSpec;
import io.connectops.ownership.Ownership;
import io.connectops.plan.Action;
import io.connectops.plan.Planner;
import io.connectops.model.Targets;

/** Builds status rows for one cluster from one bulk read, the ownership record and (optionally) the files. */
public final class StatusReport {
    private StatusReport() {
    }

    public static List<ConnectorStatusRow> rows(Targets.ClusterTarget target, LiveState live, Ownership owned, boolean withSync) {
        Map<String, ConnectorSpec> declared = new TreeMap<>();
        target.connectors().forEach(c -> declared.put(c.name(), c));
        Map<String, Action> actions = new TreeMap<>();
        if (withSync) {
            Planner.plan(target, live, owned, false, io.connectops.plan.Sensitivity.byName()).changes()
                    .forEach(c -> actions.put(c.name(), c.action()));
        }
        List<ConnectorStatusRow> rows = new ArrayList<>();
        for (LiveConnector connector : live.connectors().values()) {
            List<ConnectorStatusRow.Failure> failures = new ArrayList<>();
            LiveConnector.ConnectorStatus status = connector.status();
            if (status != null) {
                if ("FAILED".equals(status.state())) {
                    failures.add(new ConnectorStatusRow.Failure(-1, status.workerId(), headline(status.trace())));
                }
                status.failedTasks().forEach(t -> failures.add(new ConnectorStatusRow.Failure(t.id(), t.workerId(), t.traceHeadline())));
            }
            SyncState sync = null;
            Health health = null;
            if (withSync) {
                ConnectorSpec spec = declared.get(connector.name());
                sync = spec == null ? (owned.of(connector.name()).ours() ? SyncState.OutOfSync : null)
                        : actions.get(connector.name()) == Action.NONE ? SyncState.Synced : SyncState.OutOfSync;
                health = spec == null ? null : ConnectorHealth.of(spec, connector, false);
            }
            rows.add(new ConnectorStatusRow(target.name(), connector.name(), connector.state(),
                    status == null ? 0 : status.runningTasks(), status == null ? 0 : status.tasks().size(),
                    owned.of(connector.name()).label(), sync, health, failures));
        }
        if (withSync) {
            for (ConnectorSpec spec : declared.values()) {
                if (!live.connectors().containsKey(spec.name()) && !spec.absent()) {
                    rows.add(new ConnectorStatusRow(target.name(), spec.name(), "MISSING", 0, 0,
                            owned.of(spec.name()).label(), SyncState.OutOfSync, Health.Missing, List.of()));
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(ConnectorStatusRow::connector));
        return rows;
    }

    private static String headline(String trace) {
        return trace == null ? "" : trace.lines().findFirst().orElse("");
    }
}
