package io.connectops.ownership;

import java.nio.file.Path;

import io.connectops.model.ConnectClusterSpec;

/**
 * Picks the store a cluster declares: a Kafka topic or a file when {@code spec.ownership} says so,
 * otherwise the marker in each connector's config (the default: it lives with the cluster).
 */
public final class OwnershipStores {
    private OwnershipStores() {
    }

    public static OwnershipStore forCluster(ConnectClusterSpec cluster) {
        ConnectClusterSpec.Ownership ownership = cluster.ownership();
        if (ownership != null && ownership.usesKafka()) {
            return RecordedOwnership.kafka(ownership.bootstrapServers(), ownership.topic(), ownership.kafkaProperties(), ownership.writers(),
                    cluster.name());
        }
        if (ownership != null && ownership.file() != null) {
            return RecordedOwnership.file(Path.of(ownership.file()), cluster.name());
        }
        return new MarkerOwnership(ownership == null ? null : ownership.owner());
    }
}
