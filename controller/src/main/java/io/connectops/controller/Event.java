package io.connectops.controller;

import java.time.Instant;

/** Something the controller did or saw: a revision applied, drift put back, a restart, giving up. */
public record Event(Instant time, String cluster, String resource, String reason, String message) {
    @Override
    public String toString() {
        return reason + " " + (cluster == null ? "" : cluster + "/") + (resource == null ? "" : resource) + ": " + message;
    }
}
