package io.connectops.model;

import java.util.Locale;

/**
 * The state a connector should be in. Connect's names are the upper-case forms. {@link #ABSENT} means
 * the connector must not exist: it is deleted when connectops owns it (a streaming-ops ConfigMap
 * labelled {@code enabled: "false"}, or {@code state: absent}).
 */
public enum DesiredState {
    RUNNING, PAUSED, STOPPED, ABSENT;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The desired state matching Connect's reported state, or null for FAILED, UNASSIGNED, RESTARTING... */
    public static DesiredState fromConnect(String connectState) {
        return switch (connectState == null ? "" : connectState) {
            case "RUNNING" -> RUNNING;
            case "PAUSED" -> PAUSED;
            case "STOPPED" -> STOPPED;
            default -> null;
        };
    }
}
