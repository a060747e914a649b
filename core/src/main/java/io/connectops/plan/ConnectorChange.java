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

    /** A connector deleted: owned and no longer declared, or declared absent. */
    static ConnectorChange delete(String connector, DesiredState desiredState, Owner owner, String source, String note) {
        return builder(connector, Action.DELETE).desiredState(desiredState).owner(owner).source(source).note(note).build();
    }

    /** The parts of a change, by name (a create or an update has many). */
    static Builder builder(String connector, Action action) {
        return new Builder(connector, action);
    }

    static final class Builder {
        private final String connector;
        private final Action action;
        private List<KeyChange> configChanges = List.of();
        private DesiredState stateFrom;
        private DesiredState stateTo;
        private boolean configChanged;
        private Map<String, String> desiredConfig;
        private DesiredState desiredState;
        private Owner owner = Owner.NONE;
        private String source;
        private String note;
        private String contentDigest;

        private Builder(String connector, Action action) {
            this.connector = connector;
            this.action = action;
        }

        Builder configChanges(List<KeyChange> changes, boolean changed) {
            this.configChanges = changes;
            this.configChanged = changed;
            return this;
        }

        Builder state(DesiredState from, DesiredState to) {
            this.stateFrom = from;
            this.stateTo = to;
            return this;
        }

        /** The config to send (real values, never shown) and its digest. */
        Builder write(Map<String, String> config, String digest) {
            this.desiredConfig = config;
            this.contentDigest = digest;
            return this;
        }

        Builder desiredState(DesiredState state) {
            this.desiredState = state;
            return this;
        }

        Builder owner(Owner owner) {
            this.owner = owner;
            return this;
        }

        Builder source(String source) {
            this.source = source;
            return this;
        }

        Builder note(String note) {
            this.note = note;
            return this;
        }

        ConnectorChange build() {
            return new ConnectorChange(connector, action, configChanges, stateFrom, stateTo, configChanged, desiredConfig, desiredState,
                    owner, source, note, contentDigest);
        }
    }

    /** A connector that gets no call, with the reason worth showing (or null). */
    static ConnectorChange untouched(String connector, DesiredState desiredState, Owner owner, String source, String note) {
        return builder(connector, Action.NONE).desiredState(desiredState).owner(owner).source(source).note(note).build();
    }

    public boolean stateChanges() {
        return stateTo != null && action == Action.UPDATE;
    }

    @Override
    public String toString() {
        return "ConnectorChange[" + connector + " " + action + " " + configChanges + " state " + stateFrom + "->" + stateTo + "]";
    }
}
