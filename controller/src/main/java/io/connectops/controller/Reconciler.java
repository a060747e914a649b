package io.connectops.controller;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Outcome;
import io.connectops.apply.Progress;
import io.connectops.engine.Engine;
import io.connectops.engine.TargetSession;
import io.connectops.model.InvalidInputException;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;
import io.connectops.status.Health;
import io.connectops.status.SyncState;

/**
 * One target's reconcile, whatever its API: give up what is pending, plan (or take the plan the controller just
 * validated), check the deletion guard and leadership, apply (on a new revision, or on resync when self-healing), say
 * what drifted, run the target's follow-ups, and keep each declared resource's status. One pass at a time (the
 * controller gives each target its own thread). What differs per API is its {@link TargetPlugin}.
 *
 * @param <T> the declared target type
 */
final class Reconciler<T> implements AutoCloseable {
    /** Concurrent calls per target for validation and apply: the CLI's default. */
    static final int PARALLELISM = 8;

    /** What the last pass planned against, for {@link #detail}. */
    private record LastPass<T>(T target, TargetPlan plan) {
    }

    private final String label;
    private final TargetPlugin<T> plugin;
    private final ControllerOptions options;
    private final ControllerMetrics metrics;
    private final Events events;
    private final PendingOrphans orphans;
    /** Asked again right before writing: a controller that lost leadership during the read writes nothing. */
    private final BooleanSupplier leading;
    private final Redactor redactor;
    private final java.util.function.Supplier<io.connectops.engine.PlanPolicies> policies;
    private final Map<String, ResourceStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> appliedRevision = new ConcurrentHashMap<>();
    /** Parts that could not be read at the last pass: reported when they change, not at every resync. */
    private List<String> lastProblems = List.of();
    private volatile LastPass<T> lastSeen;

    Reconciler(String label, TargetPlugin<T> plugin, Context context) {
        this.label = label;
        this.plugin = plugin;
        this.options = context.options();
        this.metrics = context.metrics();
        this.events = context.events();
        this.orphans = context.orphans();
        this.leading = context.leading();
        this.redactor = context.redactor();
        this.policies = context.policies();
    }

    /** What every target's reconciler shares with the controller. */
    /** @param policies the accepted revision's policies, which every plan passes (docs/policies.md) */
    record Context(ControllerOptions options, ControllerMetrics metrics, Events events, PendingOrphans orphans, BooleanSupplier leading,
                   Redactor redactor, java.util.function.Supplier<io.connectops.engine.PlanPolicies> policies) {
    }

    /** {@code text} as this run may show it: every secret it knows masked. */
    String redact(String text) {
        return redactor.redact(text);
    }

    String label() {
        return label;
    }

    TargetPlugin<T> plugin() {
        return plugin;
    }

    List<ResourceStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /**
     * @param newRevision true when {@code revision} was just accepted: its changes are applied even without self-heal
     * @param validated   the plan the controller just made of this target to validate the revision (its first pass
     *                    applies it instead of reading again), or null
     */
    synchronized Pass reconcile(T target, String revision, boolean newRevision, boolean onlineValidation, TargetPlan validated) {
        if (orphans.any(label)) {
            // What was planned before they were given up would still see them as connectops' own: plan again.
            validated = null;
            String pending = orphans.giveUp(label, leading, resource -> disown(target, resource));
            if (pending != null) {
                return failed(target, pending);
            }
        }
        TargetSession session = plugin.session(target);
        Engine engine = new Engine(List.of(session), policies.get()); // not closed: the session outlives the pass
        long requestsBefore = session.requests();
        Plan plan;
        try {
            plan = validated != null ? Plan.assemble(List.of(validated), options.prune())
                    : engine.plan(options.prune(), onlineValidation, PARALLELISM);
        } catch (InvalidInputException e) {
            return failed(target, "validation: " + e.getMessage());
        }
        TargetPlan planned = plan.targets().get(0);
        lastSeen = new LastPass<>(target, planned);
        if (planned.error() != null) {
            return failed(target, planned.error());
        }
        if (!planned.problems().equals(lastProblems)) {
            planned.problems().forEach(p -> events.record(label, null, "ReadFailed", p + ": what it concerns is left alone"));
            lastProblems = planned.problems();
        }
        boolean mayWrite = newRevision || options.selfHeal();
        String guard = null;
        try {
            Engine.checkDeletionGuard(plan, options.maxDeletions(), false);
        } catch (IllegalStateException e) {
            guard = e.getMessage();
        }
        if (!leading.getAsBoolean()) {
            return Pass.failed(label, "no longer the leader: nothing written");
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int writes = 0;
        if (mayWrite && guard == null && plan.hasChanges()) {
            ApplyReport report = engine.apply(plan, PARALLELISM, Progress.NONE);
            for (Outcome outcome : report.outcomes()) {
                outcomes.put(outcome.connector(), outcome);
                if (outcome.action() != Action.NONE) {
                    writes += outcome.ok() ? 1 : 0; // failures are retried at the next resync, not at once
                    metrics.applyOperation(label, outcome.action().name().toLowerCase(Locale.ROOT), outcome.ok());
                }
            }
            if (!report.clusterErrors().isEmpty()) {
                return failed(target, String.join("; ", report.clusterErrors()));
            }
        }
        plugin.requestMetrics(metrics, label, session.requests() - requestsBefore);
        if (guard != null) {
            events.record(label, null, "PruneRefused", guard);
        }
        if (planned.pruneRefused(options.prune())) {
            // The rest is applied; what cannot be told apart as connectops' own is never deleted, and says so.
            events.record(label, null, "PruneRefused", "whether connectops owns " + String.join(", ", planned.ownershipUnknown())
                    + " is unknown" + (planned.ownershipProblem() == null ? "" : " (" + redactor.redact(planned.ownershipProblem()) + ")")
                    + ": not deleted");
        }
        for (Change change : planned.changes()) {
            if (change.action() != Action.NONE) {
                PassEvents.record(events, metrics, label, planned.kind().resourceKey(change), outcomes.get(planned.kind().resourceKey(change)),
                        mayWrite, newRevision, revision, Drift.describe(change));
            }
        }
        TargetPlugin.FollowUps followUps = plugin.followUp(target, planned, writes > 0);
        updateStatuses(target, planned, outcomes, revision, mayWrite && guard == null);
        metrics.clusterUp(label, true);
        return new Pass(label, guard == null && outcomes.values().stream().allMatch(Outcome::ok), writes + followUps.writes(), guard,
                followUps.nextHeal());
    }

    private Pass failed(T target, String error) {
        String message = redactor.redact(error);
        events.record(label, null, "ReconcileFailed", message);
        for (TargetPlugin.Declared resource : plugin.declared(target)) {
            ResourceStatus old = statuses.get(resource.key());
            statuses.put(resource.key(), new ResourceStatus(label, resource.key(), SyncState.Unknown, old == null ? Health.Missing : old.health(),
                    appliedRevision.get(resource.key()), message, old == null ? 0 : old.restartCount(), old == null ? null : old.message()));
        }
        metrics.clusterUp(label, false);
        return Pass.failed(label, message);
    }

    private void updateStatuses(T target, TargetPlan plan, Map<String, Outcome> outcomes, String revision, boolean applied) {
        Map<String, Change> changes = new HashMap<>();
        plan.changes().forEach(c -> changes.put(plan.kind().resourceKey(c), c));
        Set<String> declared = ConcurrentHashMap.newKeySet();
        Map<Health, Integer> counts = new EnumMap<>(Health.class);
        for (TargetPlugin.Declared resource : plugin.declared(target)) {
            declared.add(resource.key());
            Change change = changes.get(resource.key());
            Outcome outcome = outcomes.get(resource.key());
            SyncState sync;
            String error = null;
            if (change == null || change.action() == Action.NONE || (outcome != null && outcome.ok())) {
                sync = SyncState.Synced;
            } else {
                sync = SyncState.OutOfSync;
                error = outcome != null ? outcome.error() : applied ? null
                        : "differs from " + PassEvents.revisionShort(revision) + ": " + Drift.describe(change);
            }
            if (sync == SyncState.Synced) {
                appliedRevision.put(resource.key(), revision);
            }
            Health health = plugin.health(resource, change, outcome);
            counts.merge(health, 1, Integer::sum);
            ResourceStatus old = statuses.get(resource.key());
            String lastError = error == null && old != null && sync == SyncState.OutOfSync ? old.lastError() : redactor.redact(error);
            ResourceStatus generic = new ResourceStatus(label, resource.key(), sync, health, appliedRevision.get(resource.key()), lastError,
                    0, null);
            statuses.put(resource.key(), plugin.row(resource, generic, change));
        }
        statuses.keySet().retainAll(declared);
        plugin.healthMetrics(metrics, label, counts);
        metrics.outOfSync(label, (int) statuses.values().stream().filter(r -> r.sync() == SyncState.OutOfSync).count());
    }

    /**
     * Gives a resource up without deleting it (deletionPolicy Orphan), through the write gate: only what is connectops'
     * own loses its marker or claim; anything else is left as it is.
     *
     * @return what was done, in words
     */
    synchronized String disown(T target, String resource) {
        String done = plugin.disown(target, resource);
        statuses.remove(resource);
        events.record(label, resource, "Orphaned", done);
        return done;
    }

    /** What the last pass knew of one resource (no secret values), or empty. */
    Optional<ResourceDetail> detail(String resource) {
        LastPass<T> pass = lastSeen;
        return pass == null ? Optional.empty() : plugin.detail(pass.target(), pass.plan(), resource);
    }

    @Override
    public void close() {
        plugin.close();
    }
}
