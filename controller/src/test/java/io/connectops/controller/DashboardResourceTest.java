package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.connectops.plan.KeyChange;
import io.connectops.status.Health;
import io.connectops.status.SyncState;
import org.junit.jupiter.api.Test;

/** /api/resource: one observation, one verdict (issue 25: a corrected difference showed under "Synced" for a few seconds). */
class DashboardResourceTest {
    static final List<KeyChange> CORRECTED = List.of(new KeyChange("tasks.max", KeyChange.Kind.CHANGED, "1", "2", false));

    static ResourceStatus status(SyncState sync) {
        return new ResourceStatus("prod", "orders-sink", sync, Health.Healthy, "abc", null, 0, null, "RUNNING", List.of(), null);
    }

    static Optional<ResourceDetail> detail() {
        return Optional.of(new ResourceDetail("prod", "orders-sink", "Connector", "connect/orders.yaml", 3, Map.of("tasks.max", "2"),
                Map.of("tasks.max", "2"), CORRECTED));
    }

    @Test
    void aSyncedResourceShowsNoDifferenceAndAnOutOfSyncOneShowsIt() {
        assertEquals(List.of(), Dashboard.resourceBody("prod", "orders-sink", status(SyncState.Synced), detail()).get("diff"));
        assertEquals(CORRECTED, Dashboard.resourceBody("prod", "orders-sink", status(SyncState.OutOfSync), detail()).get("diff"));
    }
}
