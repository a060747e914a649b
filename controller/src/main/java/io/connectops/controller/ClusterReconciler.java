package io.connectops.controller;

import io.connectops.status.Health;
import io.connectops.status.SyncState;
import io.connectops.status.ConnectorHealth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Outcome;
import io.connectops.apply.Progress;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.Endpoints;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.connect.RetryPolicy;
import io.connectops.engine.Engine;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.PlanGates;
import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.model.InvalidInputException;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.SourceLocation;
import io.connectops.ownership.OwnershipStore;
import io.connectops.ownership.OwnershipStores;
import io.connectops.plan.Action;
import io.connectops.plan.ClusterPlan;
import io.connectops.plan.ConnectorChange;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;
import io.connectops.secrets.Redactor;
import io.connectops.model.Targets;

/**
 * One Connect cluster's reconcile: compare desired with live, apply the difference (on a new revision,
 * or on resync when self-healing), say what drifted, heal failed connectors within their restart
 * policy, act on changed restart tokens, and keep each declared connector's status. One reconcile at
 * a time (the controller gives each cluster its own thread); clients and ownership stores are kept
 * between passes so a resync of unchanged connectors costs one bulk read.
 */
final class ClusterReconciler implements TargetReconciler<Targets.ClusterTarget> {
    /** Concurrent REST calls per cluster for validation and apply: the CLI's default. */
    static final int PARALLELISM = 8;

    /** The result of one pass, for the controller's bookkeeping. */
    /** @param nextHeal when a failed connector may be restarted next (the controller looks again then), or null */
    record Pass(String cluster, boolean ok, int writes, String error, Instant nextHeal) {
        static Pass failed(String cluster, String error) {
            return new Pass(cluster, false, 0, error, null);
        }
    }

    private final String name;
    /** Asked again right before writing: a controller that lost leadership during the read writes nothing. */
    private final java.util.function.BooleanSupplier leading;
    private final ControllerOptions options;
    private final ControllerMetrics metrics;
    private final Events events;
    private final Healer healer;
    private final RestartTokens tokens;
    private final PendingOrphans orphans;
    private final Clock clock;
    private final Map<String, ResourceStatus> statuses = new ConcurrentHashMap<>();
    /** What the last pass planned against, for {@link #detail}. */
    private record LastPass(Targets.ClusterTarget target, ClusterPlan plan, LiveState live) {
    }

    private volatile LastPass lastSeen;

    @Override
    public java.util.Optional<ResourceDetail> detail(String connector) {
        LastPass pass = lastSeen;
        if (pass == null) {
            return java.util.Optional.empty();
        }
        ConnectorSpec spec = pass.target().connectors().stream().filter(c -> c.name().equals(connector)).findFirst().orElse(null);
        io.connectops.connect.LiveConnector liveConnector = pass.live() == null ? null : pass.live().connectors().get(connector);
        if (spec == null && liveConnector == null) {
            return java.util.Optional.empty();
        }
        io.connectops.plan.Sensitivity sensitivity = io.connectops.plan.Sensitivity.byName().forConnector(spec);
        Map<String, String> declared = spec == null || spec.absent() ? null : masked(spec.connectConfig(), sensitivity);
        Map<String, String> liveConfig = liveConnector == null || liveConnector.config() == null ? null
                : masked(liveConnector.config(), sensitivity);
        List<io.connectops.plan.KeyChange> diff = pass.plan().changes().stream().filter(c -> c.connector().equals(connector))
                .flatMap(c -> c.configChanges().stream()).toList();
        return java.util.Optional.of(new ResourceDetail(name, connector, "Connector", spec == null ? null : spec.source().file(),
                spec == null ? 0 : spec.source().line(), declared, liveConfig, diff));
    }

    private static Map<String, String> masked(Map<String, String> config, io.connectops.plan.Sensitivity sensitivity) {
        Map<String, String> shown = new java.util.TreeMap<>();
        config.forEach((key, value) -> shown.put(key, Redactor.redact(sensitivity.display(key, value))));
        return shown;
    }

    /** Per connector and kind of write: the gate's last refusal, so it is an event once. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    /** Per connector: the last offsets change acted on, for its status. */
    private final Map<String, String> offsetsDone = new ConcurrentHashMap<>();
    private final Map<String, String> appliedRevision = new ConcurrentHashMap<>();
    private final Object connectionLock = new Object();
    /** Set by {@link #heal}; read right after, under the reconcile lock. */
    private Instant nextHeal;
    private ConnectClusterSpec connectionKey;
    private Connection current;

    ClusterReconciler(String name, ControllerOptions options, ControllerMetrics metrics, Events events, RestartTokens tokens, Clock clock,
                      java.util.function.BooleanSupplier leading) {
        this.name = name;
        this.leading = leading;
        this.options = options;
        this.metrics = metrics;
        this.events = events;
        this.healer = new Healer(options.healing());
        this.tokens = tokens;
        this.orphans = new PendingOrphans(tokens);
        this.clock = clock;
    }

    @Override
    public List<ResourceStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    @Override
    public synchronized Pass reconcile(Targets.ClusterTarget target, String revision, boolean newRevision, boolean onlineValidation) {
        String pending = givePendingUp(target);
        if (pending != null) {
            return failed(target, pending);
        }
        Connection connection = connection(target.cluster());
        ConnectApi client = connection.client();
        Engine engine = new Engine(new Targets(List.of(target)), t -> client, t -> connection.ownership());
        Plan plan;
        try {
            plan = engine.plan(options.prune(), onlineValidation, PARALLELISM);
        } catch (InvalidInputException e) {
            return failed(target, "validation: " + e.getMessage());
        }
        ClusterPlan clusterPlan = plan.clusters().get(0);
        if (clusterPlan.error() != null) {
            return failed(target, clusterPlan.error());
        }
        boolean mayWrite = newRevision || options.selfHeal();
        String guard = null;
        try {
            Engine.checkDeletionGuard(plan, options.maxDeletions(), false);
        } catch (IllegalStateException e) {
            guard = e.getMessage();
        }
        if (!leading.getAsBoolean()) {
            return Pass.failed(name, "no longer the leader: nothing written");
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int writes = 0;
        if (mayWrite && guard == null && plan.hasChanges()) {
            ApplyReport report = engine.apply(plan, PARALLELISM, Progress.NONE);
            for (Outcome outcome : report.outcomes()) {
                outcomes.put(outcome.connector(), outcome);
                if (outcome.action() != Action.NONE) {
                    writes += outcome.ok() ? 1 : 0; // failures are retried at the next resync, not at once
                    metrics.applyOperation(name, outcome.action().name().toLowerCase(java.util.Locale.ROOT), outcome.ok());
                }
            }
            if (!report.clusterErrors().isEmpty()) {
                return failed(target, String.join("; ", report.clusterErrors()));
            }
        }
        if (guard != null) {
            events.record(name, null, "PruneRefused", guard);
        }
        if (clusterPlan.pruneRefused(options.prune())) {
            // The rest is applied; what cannot be told apart as connectops' own is never deleted, and says so.
            events.record(name, null, "PruneRefused", "whether connectops owns " + String.join(", ", clusterPlan.ownershipUnknown())
                    + " is unknown (" + Redactor.redact(clusterPlan.ownershipProblem()) + "): not deleted");
        }
        for (ConnectorChange change : clusterPlan.changes()) {
            if (change.action() == Action.NONE) {
                continue;
            }
            PassEvents.record(events, metrics, name, change.connector(), outcomes.get(change.connector()), mayWrite, newRevision, revision,
                    describe(change));
        }
        // The follow-ups write through the same gate as the plan: nothing that is not provably ours is reset or restarted.
        GatedConnectApi gated = new GatedConnectApi(client, name, PlanGates.of(clusterPlan));
        int offsetChanges = offsetsTokens(gated, target, engine.observed(name));
        LiveState live = writes == 0 && offsetChanges == 0 ? engine.observed(name) : safeRead(client);
        lastSeen = new LastPass(target, clusterPlan, live);
        int restarts = restartTokens(gated, target, live) + heal(gated, target, live);
        writes += offsetChanges;
        updateStatuses(target, clusterPlan, outcomes, live, revision, mayWrite && guard == null);
        metrics.clusterUp(name, true);
        return new Pass(name, guard == null && outcomes.values().stream().allMatch(Outcome::ok), writes + restarts,
                guard, nextHeal);
    }

    private Pass failed(Targets.ClusterTarget target, String error) {
        String message = Redactor.redact(error);
        events.record(name, null, "ReconcileFailed", message);
        for (ConnectorSpec spec : target.connectors()) {
            if (spec.absent()) {
                continue;
            }
            ResourceStatus old = statuses.get(spec.name());
            statuses.put(spec.name(), new ResourceStatus(name, spec.name(), SyncState.Unknown, old == null ? Health.Missing : old.health(),
                    appliedRevision.get(spec.name()), message, healer.restarts(spec.name()), old == null ? null : old.message()));
        }
        metrics.clusterUp(name, false);
        return Pass.failed(name, message);
    }

    /** What drifted, in words: the event says this, never a value. */
    private static String describe(ConnectorChange change) {
        return switch (change.action()) {
            case CREATE -> "missing on the cluster (deleted by hand?): created again";
            case DELETE -> change.desiredState() == DesiredState.ABSENT ? "declared absent: deleted" : "no longer declared: deleted";
            case UPDATE -> {
                List<String> parts = new ArrayList<>();
                if (change.configChanged()) {
                    parts.add("config differs (" + change.configChanges().stream().map(KeyChange::key).collect(Collectors.joining(", ")) + ")");
                }
                if (change.stateTo() != null) {
                    parts.add("state " + change.stateFrom().yamlName() + " instead of " + change.stateTo().yamlName());
                }
                yield String.join(", ", parts);
            }
            case NONE -> "in sync";
        };
    }

    /**
     * A changed {@code spec.offsets.token} asks for exactly one offsets change (reset or set), with the connector
     * stopped for it and its state restored after; the first token seen for a connector is only recorded (a new
     * connector has nothing to reset, and a controller's first start must not redo old changes).
     */
    private int offsetsTokens(GatedConnectApi client, Targets.ClusterTarget target, LiveState live) {
        int done = 0;
        for (ConnectorSpec spec : target.connectors()) {
            String key = "offsets:" + name + "/" + spec.name();
            if (spec.absent() || live == null || !live.connectors().containsKey(spec.name())) {
                continue;
            }
            String now = spec.offsets() == null ? "" : spec.offsets().token();
            if (!tokens.known(key)) {
                tokens.put(key, now);
                continue;
            }
            if (now.equals(tokens.get(key))) {
                continue;
            }
            if (!now.isEmpty() && !permitted(client, spec.name(), WriteKind.OFFSETS, "offsets token '" + now + "'")) {
                offsetsDone.put(spec.name(), "not done (token '" + now + "'): " + refusal(client, spec.name(), WriteKind.OFFSETS));
            } else if (!now.isEmpty()) {
                io.connectops.model.OffsetsSpec change = spec.offsets();
                try {
                    String what = change.reset() ? io.connectops.apply.OffsetChange.reset(client, spec.name(), true)
                            : io.connectops.apply.OffsetChange.set(client, spec.name(), change.set(), true);
                    events.record(name, spec.name(), change.reset() ? "OffsetsReset" : "OffsetsSet", "offsets token '" + now + "': " + what);
                    offsetsDone.put(spec.name(), change.describe() + " (token '" + now + "')");
                    done++;
                } catch (RuntimeException e) {
                    events.record(name, spec.name(), "OffsetsFailed", "offsets token '" + now + "': " + Redactor.redact(e.getMessage()));
                    continue; // not recorded: the next pass tries again
                }
            }
            tokens.put(key, now);
        }
        return done;
    }

    /** A changed spec.restartToken asks for exactly one restart; the first one seen is only recorded. */
    private int restartTokens(GatedConnectApi client, Targets.ClusterTarget target, LiveState live) {
        int done = 0;
        for (ConnectorSpec spec : target.connectors()) {
            String key = name + "/" + spec.name();
            if (spec.absent() || live == null || !live.connectors().containsKey(spec.name())) {
                continue;
            }
            String token = spec.restartToken();
            if (!tokens.known(key)) {
                tokens.put(key, token == null ? "" : token);
                continue;
            }
            String last = tokens.get(key);
            String now = token == null ? "" : token;
            if (now.equals(last)) {
                continue;
            }
            if (!now.isEmpty() && permitted(client, spec.name(), WriteKind.RESTART, "restartToken '" + now + "'")) {
                try {
                    java.util.OptionalInt task = io.connectops.model.RestartToken.task(now);
                    if (task.isPresent()) {
                        client.restartTask(spec.name(), task.getAsInt());
                    } else {
                        client.restart(spec.name(), true, false);
                    }
                    metrics.restart(name, "token", true);
                    events.record(name, spec.name(), "Restarted", "restartToken changed to '" + now + "': "
                            + (task.isPresent() ? "task " + task.getAsInt() + " restarted" : "restarted with its tasks"));
                    done++;
                } catch (RuntimeException e) {
                    metrics.restart(name, "token", false);
                    events.record(name, spec.name(), "RestartFailed", "restartToken '" + now + "': " + e.getMessage());
                    continue; // not recorded: the next pass tries again
                }
            }
            tokens.put(key, now);
        }
        return done;
    }

    /**
     * Restarts what failed, within each connector's policy. Also sets {@link #nextHeal}: the earliest
     * pending restart among the connectors failed right now, so the backoff is honoured to the second
     * rather than to the next resync.
     */
    private int heal(GatedConnectApi client, Targets.ClusterTarget target, LiveState live) {
        nextHeal = null;
        if (live == null) {
            return 0;
        }
        int done = 0;
        Instant now = clock.instant();
        for (ConnectorSpec spec : target.connectors()) {
            LiveConnector connector = live.connectors().get(spec.name());
            if (spec.absent() || connector == null || connector.status() == null) {
                continue;
            }
            if (ConnectorHealth.failed(connector) && !permitted(client, spec.name(), WriteKind.HEAL, "failed ("
                    + ConnectorHealth.failure(connector) + "), not restarted")) {
                continue;
            }
            if (ConnectorHealth.failed(connector)) {
                Healer.Decision decision = healer.onFailed(spec.name(), spec.restartPolicy(), now);
                Instant next = decision == Healer.Decision.RESTART || decision == Healer.Decision.WAIT ? healer.nextAllowed(spec.name()) : null;
                if (next != null && (nextHeal == null || next.isBefore(nextHeal))) {
                    nextHeal = next;
                }
                switch (decision) {
                    case RESTART -> {
                        try {
                            client.restart(spec.name(), true, true);
                            metrics.restart(name, "failed", true);
                            events.record(name, spec.name(), "Restarted", "failed (" + ConnectorHealth.failure(connector) + "): restart "
                                    + healer.restarts(spec.name()) + (spec.restartPolicy().unlimited() ? "" : " of " + spec.restartPolicy().maxRetries()));
                            done++;
                        } catch (RuntimeException e) {
                            metrics.restart(name, "failed", false);
                            events.record(name, spec.name(), "RestartFailed", e.getMessage());
                        }
                    }
                    case GIVE_UP -> events.record(name, spec.name(), "Degraded", "still failing after " + healer.restarts(spec.name())
                            + " restarts: giving up (" + ConnectorHealth.failure(connector) + ")");
                    default -> { }
                }
            } else if (ConnectorHealth.running(connector) && healer.onHealthy(spec.name(), now) == Healer.Decision.RESET) {
                events.record(name, spec.name(), "Recovered", "healthy for " + options.healing().resetAfter().toSeconds()
                        + " s: restart count reset");
            }
        }
        return done;
    }


    /**
     * Whether the gate lets this pass {@code kind} the connector; a refusal is an event once (not at every pass) while
     * it stays the same.
     */
    private boolean permitted(GatedConnectApi client, String connector, WriteKind kind, String what) {
        WriteGate.Verdict verdict = client.gate().check(client.id(connector), kind);
        String key = connector + "/" + kind;
        if (verdict.allowed()) {
            refused.remove(key);
            return true;
        }
        if (!verdict.reason().equals(refused.put(key, verdict.reason()))) {
            events.record(name, connector, "WriteRefused", what + ": " + verdict.reason());
        }
        return false;
    }

    private String refusal(GatedConnectApi client, String connector, WriteKind kind) {
        return refused.get(connector + "/" + kind);
    }

    private void updateStatuses(Targets.ClusterTarget target, ClusterPlan plan, Map<String, Outcome> outcomes, LiveState live,
                                String revision, boolean applied) {
        Map<String, ConnectorChange> changes = new LinkedHashMap<>();
        plan.changes().forEach(c -> changes.put(c.connector(), c));
        Set<String> declared = ConcurrentHashMap.newKeySet();
        Map<Health, Integer> counts = new EnumMap<>(Health.class);
        for (ConnectorSpec spec : target.connectors()) {
            if (spec.absent()) {
                continue;
            }
            declared.add(spec.name());
            ConnectorChange change = changes.get(spec.name());
            Outcome outcome = outcomes.get(spec.name());
            SyncState sync;
            String error = null;
            if (change == null || change.action() == Action.NONE) {
                sync = SyncState.Synced;
            } else if (outcome != null && outcome.ok()) {
                sync = SyncState.Synced;
            } else {
                sync = SyncState.OutOfSync;
                error = outcome != null ? outcome.error() : applied ? null : "differs from " + revisionShort(revision) + ": " + describe(change);
            }
            if (sync == SyncState.Synced) {
                appliedRevision.put(spec.name(), revision);
            }
            LiveConnector connector = live == null ? null : live.connectors().get(spec.name());
            Health health = health(spec, connector);
            counts.merge(health, 1, Integer::sum);
            ResourceStatus old = statuses.get(spec.name());
            String message = connector == null ? null : ConnectorHealth.failed(connector) ? ConnectorHealth.failure(connector) : null;
            String notHealed = refused.get(spec.name() + "/" + WriteKind.HEAL);
            if (message != null && notHealed != null) {
                message = message + "; not restarted: " + notHealed;
            }
            List<ResourceStatus.Task> tasks = connector == null || connector.status() == null ? List.of()
                    : connector.status().tasks().stream().map(t -> new ResourceStatus.Task(t.id(), t.state(), t.workerId(),
                    t.trace() == null ? null : Redactor.redact(t.traceHeadline()))).toList();
            ResourceStatus status = new ResourceStatus(name, spec.name(), sync, health, appliedRevision.get(spec.name()),
                    error == null && old != null && sync == SyncState.OutOfSync ? old.lastError() : Redactor.redact(error),
                    healer.restarts(spec.name()), Redactor.redact(message), connector == null ? null : connector.state(), tasks,
                    offsetsDone.get(spec.name()));
            statuses.put(spec.name(), status);
        }
        statuses.keySet().retainAll(declared);
        metrics.connectorsByHealth(name, counts);
        metrics.outOfSync(name, (int) statuses.values().stream().filter(r -> r.sync() == SyncState.OutOfSync).count());
    }

    private Health health(ConnectorSpec spec, LiveConnector connector) {
        return ConnectorHealth.of(spec, connector, healer.gaveUp(spec.name()));
    }

    private static String revisionShort(String revision) {
        return PassEvents.revisionShort(revision);
    }

    private static LiveState safeRead(ConnectApi client) {
        try {
            return client.readAll();
        } catch (RuntimeException e) {
            return null;
        }
    }


    /**
     * Gives a connector up without deleting it: its ownership marker is taken out of its config (one PUT) and any
     * recorded claim released, so no later prune touches it. For {@code deletionPolicy: Orphan}.
     *
     * @return what was done, in words
     */
    synchronized String disown(ConnectClusterSpec spec, String connector) {
        Connection connection = connection(spec);
        ConnectApi client = connection.client();
        java.util.Optional<Map<String, String>> config = client.config(connector);
        if (config.isEmpty()) {
            return "not on the cluster: nothing to give up";
        }
        io.connectops.ownership.Owner owner = connection.ownership().check(connector, client);
        if (owner.kind() == io.connectops.ownership.Owner.Kind.UNKNOWN) {
            throw new IllegalStateException("whether connectops owns " + connector + " is unknown (" + owner.detail() + "): not given up yet");
        }
        if (!owner.ours()) {
            String left = "not connectops' own (" + owner.label() + "): left as it is, nothing to give up";
            events.record(name, connector, "Orphaned", left);
            return left;
        }
        io.connectops.model.ResourceId id = io.connectops.model.ResourceId.connector(name, connector);
        WriteGate gate = WriteGate.of(Map.of(id, owner), List.of());
        gate.require(id, WriteKind.DISOWN);
        client = new GatedConnectApi(client, name, gate);
        String done = "left on the cluster";
        if (config.get().containsKey(ConnectorSpec.OWNER_KEY)) {
            Map<String, String> unmarked = new LinkedHashMap<>(config.get());
            unmarked.remove(ConnectorSpec.OWNER_KEY);
            unmarked.remove("name");
            client.putConfig(connector, unmarked);
            done = "left on the cluster, no longer marked as connectops'";
        }
        connection.ownership().recordDeleted(List.of(connector), client);
        events.record(name, connector, "Orphaned", done);
        return done;
    }

    /**
     * Gives up the connectors {@link Controller#disownLater} remembered for this cluster, before anything is planned
     * (a prune must never see them as connectops'); the failure in words, or null.
     */
    private String givePendingUp(Targets.ClusterTarget target) {
        return orphans.giveUp(name, leading, connector -> disown(target.cluster(), connector));
    }

    /** How this cluster is reached: a REST client and its ownership record. */
    record Connection(ConnectApi client, OwnershipStore ownership) {
    }

    /**
     * The connection for {@code spec}, kept while the cluster's connection settings stay the same.
     * Under its own lock, not the reconcile's: the controller validates a new commit with it while a
     * long apply may still run.
     */
    Connection connection(ConnectClusterSpec spec) {
        synchronized (connectionLock) {
            ConnectClusterSpec key = new ConnectClusterSpec(spec.name(), spec.urls(), spec.auth(), spec.tls(), spec.connectTimeout(),
                    spec.requestTimeout(), spec.ownership(), SourceLocation.UNKNOWN);
            if (!key.equals(connectionKey)) {
                closeQuietly();
                current = new Connection(new ConnectClient(Endpoints.from(spec), RetryPolicy.DEFAULT, metrics.restObserver(), leading),
                        OwnershipStores.forCluster(spec));
                connectionKey = key;
            }
            return current;
        }
    }

    private void closeQuietly() {
        if (current != null) {
            try {
                current.ownership().close();
            } catch (RuntimeException e) {
                // closing an old store must not stop the new one
            }
        }
    }

    @Override
    public void close() {
        synchronized (connectionLock) {
            closeQuietly();
        }
    }
}
