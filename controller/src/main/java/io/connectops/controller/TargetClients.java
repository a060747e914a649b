package io.connectops.controller;

import java.util.function.BooleanSupplier;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.Endpoints;
import io.connectops.connect.RetryPolicy;
import io.connectops.engine.KafkaSession;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.Targets;
import io.connectops.ownership.OwnershipStore;
import io.connectops.ownership.OwnershipStores;

/**
 * How the controller reaches its targets: the real clients, or in-memory ones, so that its rules (drift, healing,
 * tokens, orphans, leadership) get millisecond tests beside the ones on the real stack.
 */
public interface TargetClients {
    /** A Connect cluster's REST client; it refuses to write once {@code leading} says no. */
    ConnectApi connect(ConnectClusterSpec cluster, ConnectClient.CallObserver observer, BooleanSupplier leading);

    /** Where a Connect cluster's ownership record is. */
    OwnershipStore ownership(ConnectClusterSpec cluster);

    /** A Kafka cluster's Admin client and claim record. */
    KafkaSession kafka(Targets.KafkaTarget target);

    /** The real ones. */
    TargetClients REAL = new TargetClients() {
        @Override
        public ConnectApi connect(ConnectClusterSpec cluster, ConnectClient.CallObserver observer, BooleanSupplier leading) {
            return new ConnectClient(Endpoints.from(cluster), RetryPolicy.DEFAULT, observer, leading);
        }

        @Override
        public OwnershipStore ownership(ConnectClusterSpec cluster) {
            return OwnershipStores.forCluster(cluster);
        }

        @Override
        public KafkaSession kafka(Targets.KafkaTarget target) {
            return KafkaSession.connect(target, new io.connectops.secrets.Redactor()); // its clients only: the plug-in makes the session
        }
    };
}
