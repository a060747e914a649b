package io.connectops.apply;

import io.connectops.plan.Action;

/** What happened to one connector during apply. {@code error} is null on success. */
public record Outcome(String cluster, String connector, Action action, String done, String error) {
    public boolean ok() {
        return error == null;
    }
}
