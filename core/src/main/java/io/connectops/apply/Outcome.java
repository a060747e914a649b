package io.connectops.apply;

import io.connectops.plan.Action;

/** What happened to one connector during apply. {@code error} is null on success. */
public record Outcome(String cluster, String connector, Action action, String done, String error) {
    public boolean ok() {
        return error == null;
    }

    /** This outcome with its error passed through the run's redactor (errors quote what servers said). */
    public Outcome redacted(io.connectops.secrets.Redactor redactor) {
        return error == null ? this : new Outcome(cluster, connector, action, done, redactor.redact(error));
    }
}
