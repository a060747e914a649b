package io.connectops.engine;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.ownership.OwnershipStore;
import io.connectops.model.Targets;

/** One cluster's declared connectors with the client and ownership record to reach it. */
public record ClusterSession(Targets.ClusterTarget target, ConnectApi client, OwnershipStore ownership) {
    public String name() {
        return target.name();
    }
}
