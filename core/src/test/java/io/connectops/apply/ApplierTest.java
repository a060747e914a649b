package io.connectops.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.connectops.model.DesiredState;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.ConnectorWrite;
import io.connectops.plan.StateChange;
import org.junit.jupiter.api.Test;

class ApplierTest {
    @Test
    void connectErrorMessagesNeverCarryASecretValue() {
        Change change = Change.builder(io.connectops.model.ResourceId.connector("c", "db"), Action.CREATE)
                .state(new StateChange(DesiredState.RUNNING, null, null)).owner(io.connectops.ownership.Owner.CONNECTOPS)
                .write(new ConnectorWrite(Map.of("connection.password", "hunter2", "connection.user", "app"), true), "digest").build();
        assertEquals("HTTP 400: Invalid value (sensitive) for configuration connection.password; user app",
                Applier.scrub("HTTP 400: Invalid value hunter2 for configuration connection.password; user app", change));
    }
}
