package io.connectops.plan;

import java.util.List;
import java.util.Map;

import io.connectops.model.DesiredState;
import io.connectops.ownership.Owner;

/**
 * The plan for one connector. {@code desiredConfig} holds the real values to send and is never
 * rendered; {@code configChanges} holds what may be shown.
 *
 * @param source        where it was declared ("file:line:col"), or null for a connector only live
 * @param stateFrom     the live state when the state changes (or on create: null)
 * @param stateTo       the state to reach, or null when the state does not change
 * @param owner         who owns it, as read when planning
 * @param note          a reason worth showing (e.g. why a connector is left alone)
 * @param contentDigest a digest of the config to write in which secret values do not appear as they are
 *                      ({@link Sensitivity#digestValue}): what a saved plan stands for; null when nothing is written
 */
public record ConnectorChange(String connector, Action action, List<KeyChange> configChanges,
                              DesiredState stateFrom, DesiredState stateTo, boolean configChanged,
                              Map<String, String> desiredConfig, DesiredState desiredState, Owner owner,
                              String source, String note, String contentDigest) {
    public ConnectorChange {
        configChanges = List.copyOf(configChanges);
        desiredConfig = desiredConfig == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(desiredConfig));
    }

    public boolean owned() {
        return owner.ours();
    }

    /** A connector that gets no call, with the reason worth showing (or null). */
    static ConnectorChange untouched(String connector, DesiredState desiredState, Owner owner, String source, String note) {
        return new ConnectorChange(connector, Action.NONE, List.of(), null, null, false, null, desiredState, owner, source, note, null);
    }

    public boolean stateChanges() {
        return stateTo != null && action == Action.UPDATE;
    }

    @Override
    public String toString() {
        return "ConnectorChange[" + connector + " " + action + " " + configChanges + " state " + stateFrom + "->" + stateTo + "]";
    }
}
