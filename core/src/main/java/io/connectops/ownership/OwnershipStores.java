package io.connectops.ownership;

import java.nio.file.Path;

import io.connectops.model.ConnectClusterSpec;

/** Picks the store a cluster declares; without a declaration, the local file {@value #DEFAULT_FILE}. */
public final class OwnershipStores {
    public static final String DEFAULT_FILE = ".connectops/ownership.json";

    private OwnershipStores() {
    }

    public static OwnershipStore forCluster(ConnectClusterSpec cluster) {
        ConnectClusterSpec.Ownership ownership = cluster.ownership();
        if (ownership != null && ownership.usesKafka()) {
            return new KafkaOwnershipStore(ownership.bootstrapServers(), ownership.topic(), cluster.name(), ownership.kafkaProperties());
        }
        String file = ownership != null && ownership.file() != null ? ownership.file() : DEFAULT_FILE;
        return new FileOwnershipStore(Path.of(file), cluster.name());
    }
}
