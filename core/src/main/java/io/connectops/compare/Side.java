package io.connectops.compare;

import java.util.Map;
import java.util.Set;

import io.connectops.model.SourceLocation;

/**
 * One side of a comparison: its resources by "Kind/name" (the cluster left out: dev and prod clusters have other
 * names), each as flat settings in text and the keys whose values are secret.
 *
 * @param label how the side was given (a path, git:REF:PATH, live:URL)
 */
public record Side(String label, Map<String, Resource> resources) {
    public Side {
        resources = Map.copyOf(resources);
    }

    /**
     * One resource's settings (a connector's config with {@code connector.class}, {@code tasks.max} and its state;
     * a topic's partitions, replication factor and config; ...).
     *
     * @param source where it is declared, or null for a live one
     */
    public record Resource(String kind, String name, Map<String, String> settings, Set<String> secretKeys, SourceLocation source) {
        public Resource {
            settings = Map.copyOf(settings);
            secretKeys = Set.copyOf(secretKeys);
        }

        public String id() {
            return kind + "/" + name;
        }
    }
}
