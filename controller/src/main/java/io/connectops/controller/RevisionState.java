package io.connectops.controller;

import java.util.List;

import io.connectops.engine.PlanPolicies;
import io.connectops.model.Targets;
import io.connectops.secrets.Redactor;

/**
 * Which revision is in force, which was last applied everywhere, and why the last one tried was rejected: what the
 * sync loop decides with and what /status reports. Written by the scheduler thread (accept, reject) and by the pass
 * that completes a revision (applied); each field is read on its own, so each is volatile.
 */
final class RevisionState {
    private final Redactor redactor;

    private volatile Targets desired;
    private volatile PlanPolicies policies = PlanPolicies.NONE;
    private volatile String desiredRevision;
    private volatile String lastAppliedRevision;
    private volatile String lastAttemptedRevision;
    private volatile String lastError;

    RevisionState(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A revision passed load, render and validation: it is in force from now on. */
    void accept(RevisionIntake.Accepted accepted) {
        desired = accepted.targets();
        policies = PlanPolicies.of(accepted.targets());
        desiredRevision = accepted.revision().sha();
        lastError = null;
        lastAttemptedRevision = accepted.revision().sha();
    }

    /** A revision failed: the one in force stays. The event's text, naming what stays in force. */
    String reject(DesiredSource.Revision revision, String commit, List<String> problems) {
        lastError = redactor.redact(commit + " was not applied: " + String.join("; ", problems));
        lastAttemptedRevision = revision.sha(); // after lastError: whoever sees the new revision sees its error
        return lastError + (desiredRevision == null ? "" : " (still at commit " + RevisionIntake.shortSha(desiredRevision) + ")");
    }

    /** Every declared target has {@code revision}. */
    void applied(String revision) {
        lastAppliedRevision = revision;
    }

    /** The revision in force has not been applied everywhere yet (its first pass failed, or it was loaded as a standby). */
    boolean pending() {
        return desiredRevision != null && !desiredRevision.equals(lastAppliedRevision);
    }

    Targets desired() {
        return desired;
    }

    PlanPolicies policies() {
        return policies;
    }

    String desiredRevision() {
        return desiredRevision;
    }

    String lastAppliedRevision() {
        return lastAppliedRevision;
    }

    String lastAttemptedRevision() {
        return lastAttemptedRevision;
    }

    String lastError() {
        return lastError;
    }
}
