package io.connectops.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectops.engine.Engine;
import io.connectops.model.InvalidInputException;
import io.connectops.model.Targets;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;

/**
 * A new revision's way in: fetch (with its backoff), load, render and check offline, then validate online against every
 * target before anything is written anywhere. It decides; the controller acts on the decision. Runs on the
 * controller's scheduler thread only.
 */
final class RevisionIntake {
    /** What a fetch came to. */
    sealed interface Result {
    }

    /** Nothing new (or the fetch failed: the revision in force stays). */
    record Nothing() implements Result {
    }

    /** The revision cannot be applied: why, file:line first. */
    record Rejected(DesiredSource.Revision revision, String commit, List<String> problems) implements Result {
    }

    /**
     * The revision passed every check.
     *
     * @param validated per target label: the plan its validation made, for its first pass to apply instead of reading again
     */
    record Accepted(DesiredSource.Revision revision, String commit, Targets targets, Map<String, TargetPlan> validated) implements Result {
        /** What the RevisionAccepted event says: how much the revision declares, and where. */
        String summary() {
            int kafkaResources = targets.kafka().stream().mapToInt(k -> k.topics().size() + k.acls().size() + k.users().size()
                    + k.resources().size()).sum();
            return commit + ": " + targets.connectorCount() + " connector(s) on " + targets.clusters().size() + " cluster(s)"
                    + (targets.kafka().isEmpty() ? "" : ", " + kafkaResources + " Kafka resource(s) on " + targets.kafka().size()
                    + " Kafka cluster(s)");
        }
    }

    private final DesiredSource source;
    private final ControllerOptions options;
    private final Events events;
    private final Redactor redactor;
    private final Workers workers;
    private final FetchSchedule fetches;
    private final RecentRevisions revisions;
    /** The head last loaded (accepted or not), so a commit is loaded once, not at every fetch. */
    private String lastSeen;

    RevisionIntake(DesiredSource source, Reconciler.Context context, Workers workers, FetchSchedule fetches, RecentRevisions revisions) {
        this.source = source;
        this.options = context.options();
        this.events = context.events();
        this.redactor = context.redactor();
        this.workers = workers;
        this.fetches = fetches;
        this.revisions = revisions;
    }

    /**
     * @param leading   only a leader validates online (a standby only loads)
     * @param inForce   the revision in force, for the message of a failed fetch
     */
    Result fetch(Instant started, boolean leading, String inForce) {
        DesiredSource.Revision revision;
        try {
            revision = source.fetch();
            fetches.succeeded(started);
        } catch (DesiredSource.SourceException e) {
            Duration backoff = fetches.failed(started, e.getMessage());
            if (backoff != null) {
                events.record(null, null, "FetchFailed", e.getMessage() + " (keeping revision "
                        + (inForce == null ? "none" : shortSha(inForce)) + "; next try in " + backoff.toSeconds() + " s)");
            }
            return new Nothing();
        }
        if (revision.sha().equals(lastSeen)) {
            return new Nothing();
        }
        lastSeen = revision.sha();
        revisions.add(revision);
        String commit = "commit " + revision.shortSha() + " (" + revision.message() + ")";
        try {
            DesiredSource.Loaded loaded = source.load(revision, options, redactor);
            loaded.warnings().forEach(w -> events.record(null, null, "Warning", commit + ": " + w));
            Map<String, TargetPlan> validated = leading ? validate(loaded.targets(), commit) : Map.of();
            return new Accepted(revision, commit, loaded.targets(), validated);
        } catch (InvalidInputException e) {
            return new Rejected(revision, commit, e.diagnostics().stream().map(Object::toString).toList());
        } catch (RuntimeException | StackOverflowError e) {
            return new Rejected(revision, commit, List.of(e instanceof StackOverflowError ? "the commit's input nests too deeply to be read"
                    : String.valueOf(e.getMessage())));
        }
    }

    /**
     * Online validation against every target before anything is written anywhere. What the plugins reject is final
     * (InvalidInputException); a target that could not answer is not the commit's fault: its first pass validates it
     * again, and the others go on. Kafka clusters too: a partition decrease or a replication-factor change rejects the
     * commit. (The engine is not closed: its clients are the workers'.)
     */
    private Map<String, TargetPlan> validate(Targets targets, String commit) {
        Plan checked = new Engine(workers.jobs(targets).stream().map(workers::session).toList(), io.connectops.engine.PlanPolicies.of(targets))
                .plan(options.prune(), true, Reconciler.PARALLELISM);
        Map<String, TargetPlan> validated = new HashMap<>();
        for (TargetPlan target : checked.targets()) {
            String label = Workers.labelOf(target);
            if (target.error() == null) {
                validated.put(label, target);
            } else {
                events.record(label, null, "ValidationDeferred", commit + ": the " + target.kind().phrase() + " could not validate "
                        + "it now (" + redactor.redact(target.error()) + "): its first pass validates it again");
            }
        }
        return validated;
    }

    static String shortSha(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }
}
