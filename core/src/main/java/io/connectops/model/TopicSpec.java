package io.connectops.model;

import java.util.Map;

/**
 * A declared topic. Partitions and replication factor may be left to the broker's defaults (null);
 * config holds only what the file sets: a key not declared is the broker's default.
 *
 * @param cluster        the KafkaCluster it belongs to, or null for the only one
 * @param clusterIsHint  the cluster name came from a format that names clusters of its own (a ccloud
 *                       ConfigMap's kafka entry): when no KafkaCluster has that name, the only one is used
 * @param keyLocations   where each config key was written, for errors about one key
 */
public record TopicSpec(String name, String cluster, boolean clusterIsHint, Integer partitions, Integer replicationFactor,
                        Map<String, String> config, SourceLocation source, Map<String, SourceLocation> keyLocations) {
    public TopicSpec {
        config = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
        keyLocations = Map.copyOf(keyLocations);
    }

    public SourceLocation locationOf(String key) {
        return keyLocations.getOrDefault(key, source);
    }
}
