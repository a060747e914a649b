package io.connectops.model;

import java.util.List;

import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;

/** The declarations resolved per cluster: each cluster with the connectors declared for it. */
public record Targets(List<ClusterTarget> clusters) {
    public Targets {
        clusters = List.copyOf(clusters);
    }

    public record ClusterTarget(ConnectClusterSpec cluster, List<ConnectorSpec> connectors) {
        public ClusterTarget {
            connectors = List.copyOf(connectors);
        }

        public String name() {
            return cluster.name();
        }
    }

    public int connectorCount() {
        return clusters.stream().mapToInt(c -> c.connectors().size()).sum();
    }
}
