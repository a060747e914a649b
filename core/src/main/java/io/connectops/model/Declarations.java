package io.connectops.model;

import java.util.List;

/** Everything the input files declared, converted to the native model and checked. */
public record Declarations(List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors) {
    public Declarations {
        clusters = List.copyOf(clusters);
        connectors = List.copyOf(connectors);
    }

    public static Declarations empty() {
        return new Declarations(List.of(), List.of());
    }
}
