package io.connectops.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.connectops.model.DesiredState;
import io.connectops.plan.Action;
import io.connectops.plan.ConnectorChange;
import org.junit.jupiter.api.Test;

class ApplierTest {
    @Test
    void connectErrorMessagesNeverCarryASecretValue() {
        ConnectorChange change = new ConnectorChange("db", Action.CREATE, List.of(), null, null, true,
                Map.of("connection.password", "hunter2", "connection.user", "app"), DesiredState.RUNNING, io.connectops.ownership.Owner.CONNECTOPS, null, null, null);
        assertEquals("HTTP 400: Invalid value (sensitive) for configuration connection.password; user app",
                Applier.scrub("HTTP 400: Invalid value hunter2 for configuration connection.password; user app", change));
    }
}
