package io.connectops.controller;

import java.time.Instant;

/** Something the controller did or saw: a revision applied, drift put back, a restart, giving up. */
public record Event(Instant time, String cluster, String resource, String reason, String message) {
    @Override
    public String toString() {
        String where = (cluster == null ? "" : cluster + (resource == null ? "" : "/")) + (resource == null ? "" : resource);
        return reason + (where.isEmpty() ? "" : " " + where) + ": " + message;
    }
}
