package io.connectops.engine;

import java.util.List;
import java.util.Map;

import io.connectops.connect.ConnectApi;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.WriteGate;
import io.connectops.model.ResourceId;
import io.connectops.model.Targets;
import io.connectops.ownership.OwnershipStore;

/** One cluster's declared connectors with the client and ownership record to reach it. */
public record ClusterSession(Targets.ClusterTarget target, ConnectApi client, OwnershipStore ownership) {
    public String name() {
        return target.name();
    }

    /**
     * The cluster as a person's command on one named connector may write to it: through the gate, with that connector's
     * owner read now (one or two calls). Only a connector connectops owns is restarted, paused, reset or deleted, unless
     * {@code force}.
     */
    public GatedConnectApi gatedFor(String connector, boolean force) {
        if (force) {
            return new GatedConnectApi(client, name(), WriteGate.forced());
        }
        ResourceId id = ResourceId.connector(name(), connector);
        return new GatedConnectApi(client, name(), WriteGate.of(Map.of(id, ownership.check(connector, client)), List.of()));
    }
}
