package io.connectops.plan;

import java.util.List;
import java.util.Map;

import io.connectops.model.DesiredState;

/**
 * The plan for one connector. {@code desiredConfig} holds the real values to send and is never
 * rendered; {@code configChanges} holds what may be shown.
 *
 * @param source        where it was declared ("file:line:col"), or null for a connector only live
 * @param stateFrom     the live state when the state changes (or on create: null)
 * @param stateTo       the state to reach, or null when the state does not change
 * @param note          a reason worth showing (e.g. why a connector is left alone)
 */
public record ConnectorChange(String connector, Action action, List<KeyChange> configChanges,
                              DesiredState stateFrom, DesiredState stateTo, boolean configChanged,
                              Map<String, String> desiredConfig, DesiredState desiredState, boolean owned,
                              String source, String note) {
    public ConnectorChange {
        configChanges = List.copyOf(configChanges);
        desiredConfig = desiredConfig == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(desiredConfig));
    }

    public boolean stateChanges() {
        return stateTo != null && action == Action.UPDATE;
    }

    @Override
    public String toString() {
        return "ConnectorChange[" + connector + " " + action + " " + configChanges + " state " + stateFrom + "->" + stateTo + "]";
    }
}
