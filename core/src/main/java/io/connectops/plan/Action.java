package io.connectops.plan;

/** What a plan does to one connector. */
public enum Action {
    /** POST /connectors (with initial_state when not running). */
    CREATE,
    /** PUT config and/or a state change (pause, resume, stop). */
    UPDATE,
    /** DELETE: only owned connectors, only with --prune. */
    DELETE,
    /** Nothing: live equals desired. */
    NONE
}
