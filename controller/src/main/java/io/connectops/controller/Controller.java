package io.connectops.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;
import io.connectops.model.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connectops sync}: follows a Git branch and keeps the Connect clusters at what it declares.
 *
 * <p>One scheduler thread fetches on the interval (and at once on a webhook). A new commit goes
 * through load, render and validate (offline, then online against every cluster); one that fails is
 * not applied at all, the previous revision stays in force and the error names the commit, the file
 * and the line. An accepted revision, and every resync, is handed to each cluster's own reconciler
 * thread: clusters never wait for each other, a cluster runs one reconcile at a time, and a request
 * for a busy cluster is coalesced into one follow-up pass.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    private static final Duration FOLLOW_UP = Duration.ofSeconds(2);

    private final ControllerOptions options;
    private final DesiredSource git;
    private final Leadership election;
    private final Clock clock;
    private final ControllerMetrics metrics = new ControllerMetrics();
    private final Redactor redactor;
    private final Events events;
    private final RestartTokens tokens;
    private final ScheduledExecutorService scheduler;
    /** One worker per target, whatever its API, by label (a Connect cluster's name, {@code kafka/NAME}). */
    private final Workers workers;
    private final Orphans orphans;
    private final RevisionIntake intake;
    private final AtomicBoolean ready = new AtomicBoolean();

    private final RevisionState state;
    private final RecentRevisions revisions = new RecentRevisions();
    private final FetchSchedule fetches;
    /** When the last tick ended, however it ended: liveness fails when this gets old. */
    private volatile Instant lastTickEnded;
    private final WebhookTrigger webhooks;
    private Instant lastResync = Instant.MIN;

    /** A controller that is a run of its own (tests). @param election null for a single controller (always the leader) */
    public Controller(ControllerOptions options, DesiredSource git, Leadership election, Clock clock) {
        this(options, git, election, clock, TargetClients.REAL, new Redactor());
    }

    /** @param redactor the process's: what the controller learns is secret, and what it reports and serves passes it */
    public Controller(ControllerOptions options, DesiredSource git, Leadership election, Clock clock, Redactor redactor) {
        this(options, git, election, clock, TargetClients.REAL, redactor);
    }

    /** @param clients how targets are reached (in-memory ones in rule tests) */
    public Controller(ControllerOptions options, DesiredSource git, Leadership election, Clock clock, TargetClients clients) {
        this(options, git, election, clock, clients, new Redactor());
    }

    private Controller(ControllerOptions options, DesiredSource git, Leadership election, Clock clock, TargetClients clients,
                       Redactor redactor) {
        this.options = options;
        this.git = git;
        this.election = election;
        this.clock = clock;
        this.redactor = redactor;
        this.events = new Events(clock, redactor);
        this.state = new RevisionState(redactor);
        this.fetches = new FetchSchedule(options.interval());
        this.tokens = new RestartTokens(git.state(options));
        Reconciler.Context context = new Reconciler.Context(options, metrics, events, new PendingOrphans(tokens), this::isLeader, redactor,
                state::policies);
        this.workers = new Workers(context, clients, tokens, git.passwords(options), clock);
        this.orphans = new Orphans(state::desired, workers, new PendingOrphans(tokens), events);
        this.intake = new RevisionIntake(git, context, workers, fetches, revisions);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connectops-sync");
            t.setDaemon(true);
            return t;
        });
        this.webhooks = new WebhookTrigger(scheduler, fetches, clock, this::tick);
    }

    /** The run's redactor: everything the controller serves (status, events, the dashboard) passes it. */
    public Redactor redactor() {
        return redactor;
    }

    public void start() {
        lastTickEnded = clock.instant();
        metrics.leader(isLeader());
        long period = Math.max(100, Math.min(options.interval().toMillis(), options.resync().toMillis()));
        scheduler.scheduleWithFixedDelay(() -> tick(false), 0, period, TimeUnit.MILLISECONDS);
    }

    /** A webhook said the branch moved: see {@link WebhookTrigger}. */
    public void requestSync() {
        webhooks.request();
    }

    /**
     * The sync loop is alive: its last tick ended recently (a tick is bounded by the calls' timeouts, so
     * one stuck longer than this means the loop is broken and the process should be restarted), and its leader election,
     * when it has one, still runs (an election that ended never starts again in this process: a restart rejoins it).
     */
    public boolean live() {
        Instant ended = lastTickEnded;
        if (ended == null) {
            return true; // not started yet
        }
        if (election != null && !election.alive() || !git.live()) {
            return false;
        }
        long period = Math.max(100, Math.min(options.interval().toMillis(), options.resync().toMillis()));
        Duration allowed = Duration.ofMinutes(5).plusMillis(3 * period);
        return Duration.between(ended, clock.instant()).compareTo(allowed) < 0;
    }

    /** Leadership changed: a new leader reconciles at once instead of at the next resync. */
    public void leadershipChanged() {
        metrics.leader(isLeader());
        events.record(null, null, isLeader() ? "Leading" : "StandingBy", election == null ? "single controller" : election.describe());
        if (isLeader()) {
            tokens.reload(); // what the last leader promised (a pending orphan above all) before this one plans anything
            scheduler.execute(() -> {
                lastResync = Instant.MIN;
                tick(false);
            });
        }
    }

    public boolean isLeader() {
        return election == null || election.isLeader();
    }

    /** A successful sync happened, and the leader election (if any) is still running. */
    public boolean ready() {
        return ready.get() && (election == null || election.alive());
    }

    public ControllerMetrics metrics() {
        return metrics;
    }

    public Events events() {
        return events;
    }

    public String branch() {
        return options.branch();
    }

    private void tick(boolean webhook) {
        Instant started = clock.instant();
        try {
            if (webhook || fetches.due(started)) {
                fetchAndLoad();
            }
            if (state.desired() == null || !isLeader()) {
                return;
            }
            boolean resyncDue = Duration.between(lastResync, started).compareTo(options.resync()) >= 0;
            if (resyncDue) {
                lastResync = started;
                // A revision not applied yet (its first pass failed, or it was loaded as a standby) is applied
                // as a new one: even with self-heal off.
                reconcile(state.desired(), state.pending(), name -> true, Map.of(), started);
            }
        } catch (Throwable e) {
            // Nothing may end the schedule: a throwable escaping a scheduled task cancels all its later runs.
            String message = redactor.redact(String.valueOf(e.getMessage()));
            LOG.error("sync pass failed: {}: {}", e.getClass().getSimpleName(), message);
            events.record(null, null, "SyncFailed", e.getClass().getSimpleName() + ": " + message);
        } finally {
            lastTickEnded = clock.instant();
        }
    }

    /** Fetches; a new commit is loaded and validated, and applied when it passes. */
    private void fetchAndLoad() {
        Instant started = clock.instant();
        RevisionIntake.Result result = intake.fetch(started, isLeader(), state.desiredRevision());
        if (result instanceof RevisionIntake.Rejected rejected) {
            reject(rejected.revision(), rejected.commit(), rejected.problems(), started);
        } else if (result instanceof RevisionIntake.Accepted accepted) {
            accept(accepted, started);
        }
    }

    private void accept(RevisionIntake.Accepted accepted, Instant started) {
        state.accept(accepted);
        metrics.revisionRejected(false);
        // A target no longer declared is no longer watched (its resources stay: nothing says how to reach it).
        workers.retain(accepted.targets());
        events.record(null, null, "RevisionAccepted", accepted.summary());
        if (isLeader()) {
            lastResync = started;
            Map<String, TargetPlan> validated = accepted.validated();
            reconcile(accepted.targets(), true, name -> !validated.containsKey(name), validated, started);
        } else {
            ready.set(true);
        }
    }

    private void reject(DesiredSource.Revision revision, String commit, List<String> problems, Instant started) {
        events.record(null, null, "RevisionRejected", state.reject(revision, commit, problems));
        metrics.sync("rejected", Duration.between(started, clock.instant()));
        metrics.revisionRejected(true);
    }

    /** A failed connector's backoff ran out: one pass over its cluster (coalesced with any waiting one). */
    private void healCluster(String cluster) {
        Targets targets = state.desired();
        if (targets == null || !isLeader()) {
            return;
        }
        targets.clusters().stream().filter(t -> t.name().equals(cluster)).findFirst().ifPresent(target ->
                reconcile(targets.only(List.of(target), List.of()), state.pending(), name -> true, Map.of(), clock.instant()));
    }

    /**
     * @param onlineValidation per target: false only where this revision was just validated
     * @param validated        per target: the plan its validation made, applied by its first pass instead of reading again
     */
    private void reconcile(Targets targets, boolean newRevision, java.util.function.Predicate<String> onlineValidation,
                           Map<String, TargetPlan> validated, Instant started) {
        String revision = state.desiredRevision();
        List<CompletableFuture<Pass>> passes = new ArrayList<>();
        for (Workers.Job<?> job : workers.jobs(targets)) {
            submit(job, newRevision, onlineValidation.test(job.label()), validated.get(job.label()), revision, passes);
        }
        complete(passes, revision, started);
    }

    /** Queues one pass for a target on its worker's thread (unless one is already waiting); healing is looked at when due. */
    private <T> void submit(Workers.Job<T> job, boolean newRevision, boolean onlineValidation, TargetPlan validated, String revision,
                            List<CompletableFuture<Pass>> passes) {
        CompletableFuture<Pass> pass = workers.worker(job).queue(job.target(), revision, newRevision, onlineValidation, validated,
                this::isLeader, clock);
        if (pass == null) {
            return;
        }
        passes.add(pass.whenComplete((done, error) -> {
            if (done != null && done.nextHeal() != null) {
                long wait = Math.max(0, Duration.between(clock.instant(), done.nextHeal()).toMillis()) + 50;
                scheduler.schedule(() -> healCluster(job.label()), wait, TimeUnit.MILLISECONDS);
            }
        }));
    }

    /** When every pass is done: the revision counts as applied once every declared target has it. */
    private void complete(List<CompletableFuture<Pass>> passes, String revision, Instant started) {
        if (passes.isEmpty()) {
            return; // every cluster already has a pass waiting: nothing was done here, so nothing to record
        }
        CompletableFuture.allOf(passes.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            List<Pass> done = passes.stream().map(CompletableFuture::join).toList();
            boolean ok = done.stream().allMatch(Pass::ok);
            int writes = done.stream().mapToInt(Pass::writes).sum();
            // Applied means applied on every declared cluster, whichever passes got it there.
            if (ok && revision.equals(state.desiredRevision())
                    && workers.jobs(state.desired()).stream().allMatch(job -> revision.equals(workers.worker(job).appliedRevision))) {
                state.applied(revision);
                ready.set(true);
            }
            if (writes > 0) {
                // What was just written takes Connect a moment to report: look again soon, not only at the next resync.
                scheduler.schedule(() -> {
                    lastResync = Instant.MIN;
                    tick(false);
                }, Math.min(FOLLOW_UP.toMillis(), options.resync().toMillis()), TimeUnit.MILLISECONDS);
            }
            metrics.sync(!ok ? "error" : writes > 0 ? "applied" : "unchanged", Duration.between(started, clock.instant()));
            if (ok) {
                metrics.syncSucceeded(clock.instant());
            }
        });
    }

    /** Giving resources up without deleting them (deletionPolicy Orphan), now or at the next pass. */
    public Orphans orphans() {
        return orphans;
    }

    /** What the revision in force declares (null before the first one is accepted). */
    public Targets desired() {
        return state.desired();
    }

    public ControllerStatus status() {
        return new ControllerStatus(git.uri(), options.branch(), options.path(), isLeader(), ready(), state.lastAppliedRevision(),
                state.lastAttemptedRevision(), state.lastError(), fetches.lastFetch(), fetches.error(), workers.states(), workers.statuses(), events.all(),
                revisions.all());
    }

    /**
     * What the last pass knew of one resource ({@code cluster} as in its status: a Connect cluster's name, or
     * {@code kafka/NAME}), or empty when no pass reported it.
     */
    public java.util.Optional<ResourceDetail> detail(String cluster, String resource) {
        return workers.byLabel(cluster).flatMap(w -> w.reconciler.detail(resource))
                .map(d -> new ResourceDetail(d.cluster(), d.resource(), d.kind(), git.displayName(d.file()), d.line(), d.declared(), d.live(),
                        d.diff()));
    }

    /** Stops fetching, lets in-flight reconciles finish within the shutdown timeout, then leaves the leader group. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.close(options.shutdownTimeout());
        if (election != null) {
            election.close();
        }
        git.close();
    }
}
