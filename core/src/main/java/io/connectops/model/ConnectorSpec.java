package io.connectops.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A declared connector: the desired state of one connector on one Connect cluster.
 *
 * @param cluster      the ConnectCluster's name, or null for "the only one" / --connect-url
 * @param tasksMax     null when not declared (Connect's default applies)
 * @param config       the connector's own settings, all values as strings (YAML numbers and booleans included)
 * @param restartToken changing it asks the controller for exactly one restart
 * @param source       where {@code metadata.name} was declared, for errors and plans
 * @param keyLocations where each key of {@link #connectConfig()} was declared, so a plugin's complaint
 *                     about a key points at that key's line
 * @param sensitiveKeys keys whose value was filled in from a secret variable: never printed
 * @param offsets      a one-time offsets change (reset or set), acted on by the controller when its token changes; or null
 */
public record ConnectorSpec(String name, Map<String, String> labels, String cluster, String connectorClass,
                            Integer tasksMax, DesiredState state, Map<String, String> config,
                            RestartPolicy restartPolicy, String restartToken, SourceLocation source,
                            Map<String, SourceLocation> keyLocations, Set<String> sensitiveKeys, OffsetsSpec offsets) {
    /** The config key in which connectops records its ownership of a connector: never declared by hand. */
    public static final String OWNER_KEY = "connectops.io/owner";

    public ConnectorSpec {
        labels = Map.copyOf(labels);
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        keyLocations = Map.copyOf(keyLocations);
        sensitiveKeys = Set.copyOf(sensitiveKeys);
    }

    public ConnectorSpec(String name, Map<String, String> labels, String cluster, String connectorClass, Integer tasksMax,
                         DesiredState state, Map<String, String> config, RestartPolicy restartPolicy, String restartToken,
                         SourceLocation source, Map<String, SourceLocation> keyLocations, Set<String> sensitiveKeys) {
        this(name, labels, cluster, connectorClass, tasksMax, state, config, restartPolicy, restartToken, source, keyLocations, sensitiveKeys,
                null);
    }

    /** The same connector with a one-time offsets change. */
    public ConnectorSpec withOffsets(OffsetsSpec change) {
        return new ConnectorSpec(name, labels, cluster, connectorClass, tasksMax, state, config, restartPolicy, restartToken, source,
                keyLocations, sensitiveKeys, change);
    }

    public ConnectorSpec(String name, Map<String, String> labels, String cluster, String connectorClass, Integer tasksMax,
                         DesiredState state, Map<String, String> config, RestartPolicy restartPolicy, String restartToken,
                         SourceLocation source, Map<String, SourceLocation> keyLocations) {
        this(name, labels, cluster, connectorClass, tasksMax, state, config, restartPolicy, restartToken, source, keyLocations, Set.of());
    }

    public ConnectorSpec(String name, Map<String, String> labels, String cluster, String connectorClass, Integer tasksMax,
                         DesiredState state, Map<String, String> config, RestartPolicy restartPolicy, String restartToken,
                         SourceLocation source) {
        this(name, labels, cluster, connectorClass, tasksMax, state, config, restartPolicy, restartToken, source, Map.of(), Set.of());
    }

    /** True when the connector must not exist ({@code state: absent}, a disabled streaming-ops ConfigMap). */
    public boolean absent() {
        return state == DesiredState.ABSENT;
    }

    /** Where a Connect config key was declared, or the connector's own location. */
    public SourceLocation locationOf(String connectKey) {
        return keyLocations.getOrDefault(connectKey, source);
    }

    /** The config Connect gets: {@code connector.class} and {@code tasks.max} from the spec, then the rest. */
    public Map<String, String> connectConfig() {
        Map<String, String> full = new LinkedHashMap<>();
        full.put("connector.class", connectorClass);
        if (tasksMax != null) {
            full.put("tasks.max", Integer.toString(tasksMax));
        }
        full.putAll(config);
        return full;
    }
}
