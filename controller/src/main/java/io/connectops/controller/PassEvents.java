package io.connectops.controller;

import io.connectops.apply.Outcome;

/** The event a planned change leaves after a pass, the same for every kind of target. */
final class PassEvents {
    private PassEvents() {
    }

    /**
     * @param outcome     what apply did to it, or null when it was not applied
     * @param mayWrite    false when self-heal is off and the revision is not new: drift is reported, not put back
     * @param newRevision true when the change belongs to a revision just accepted (Applied), else drift (DriftCorrected)
     * @param what        what differed, in words (never a value)
     */
    static void record(Events events, ControllerMetrics metrics, String cluster, String resource, Outcome outcome, boolean mayWrite,
                       boolean newRevision, String revision, String what) {
        if (outcome == null) {
            if (!mayWrite) {
                events.record(cluster, resource, "OutOfSync", what + " (self-heal is off: left as it is)");
            }
            return;
        }
        if (!outcome.ok()) {
            events.record(cluster, resource, "ApplyFailed", outcome.error());
        } else if (newRevision) {
            events.record(cluster, resource, "Applied", revisionShort(revision) + ": " + outcome.done());
        } else {
            metrics.driftCorrection(cluster);
            events.record(cluster, resource, "DriftCorrected", what + ": " + outcome.done());
        }
    }

    static String revisionShort(String revision) {
        return revision == null ? "?" : "commit " + revision.substring(0, Math.min(12, revision.length()));
    }
}
