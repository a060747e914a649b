package io.connectops.engine;

import java.util.List;

import io.connectops.plan.Change;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.connectops.apply.Applier;
import io.connectops.apply.Outcome;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.LiveState;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.WriteGate;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.ResourceId;
import io.connectops.model.Targets;
import io.connectops.ownership.Ownership;
import io.connectops.ownership.OwnershipStore;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.Planner;
import io.connectops.plan.Sensitivity;
import io.connectops.plan.TargetKind;
import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;
import io.connectops.validate.OnlineValidator;

/**
 * One Connect cluster's declared connectors with the client and ownership record to reach it: one bulk read, a pure
 * plan, the plugins' validation of what is to be written, and an apply through the write gate.
 */
public final class ClusterSession implements TargetSession {
    private final Targets.ClusterTarget target;
    private final ConnectApi client;
    private final OwnershipStore ownership;
    private final Redactor redactor;
    /** What the last plan read (the controller reuses it for health instead of reading again). */
    private volatile LiveState observed;

    /** @param redactor the run's: learns the values of sensitive keys, and masks them in every outcome */
    public ClusterSession(Targets.ClusterTarget target, ConnectApi client, OwnershipStore ownership, Redactor redactor) {
        this.target = target;
        this.client = client;
        this.ownership = io.connectops.ownership.TeamScopedOwnership.of(ownership, target.teams());
        this.redactor = redactor;
    }

    /** A session that is a run of its own (tests, benchmarks). */
    public ClusterSession(Targets.ClusterTarget target, ConnectApi client, OwnershipStore ownership) {
        this(target, client, ownership, new Redactor());
    }

    public Targets.ClusterTarget target() {
        return target;
    }

    public ConnectApi client() {
        return client;
    }

    public OwnershipStore ownership() {
        return ownership;
    }

    @Override
    public TargetKind kind() {
        return Planner.TARGET;
    }

    @Override
    public String name() {
        return target.name();
    }

    /** The live state the last {@link #plan} read, or null. */
    public LiveState observed() {
        return observed;
    }

    @Override
    public long requests() {
        return client.calls();
    }

    @Override
    public Planned plan(PlanRequest request) {
        LiveState live;
        try {
            live = client.readAll();
            observed = live;
        } catch (RuntimeException e) {
            return new Planned(unreachable(e.getMessage()), List.of());
        }
        // Never throws: what cannot be established is "unknown", which the planner never deletes.
        Ownership owned = ownership.read(live, client);
        TargetPlan plan = Planner.plan(target, live, owned, request.prune(), Sensitivity.byName());
        if (!request.onlineValidation()) {
            registerSecrets(Sensitivity.byName());
            return new Planned(plan, List.of());
        }
        // What is written gets validated: one pass over the changes, not a search per connector (10,000 of them is common).
        java.util.Set<String> written = new java.util.HashSet<>();
        plan.changes().stream().filter(c -> c.action() == Action.CREATE || (c.action() == Action.UPDATE && c.configChanged()))
                .forEach(c -> written.add(c.name()));
        List<ConnectorSpec> toValidate = target.connectors().stream().filter(spec -> written.contains(spec.name())).toList();
        OnlineValidator.Result validation;
        try {
            validation = OnlineValidator.validate(toValidate, client, request.parallelism());
        } catch (RuntimeException e) {
            return new Planned(unreachable(e.getMessage()), List.of());
        }
        Sensitivity sensitivity = new Sensitivity(validation.passwordKeys());
        registerSecrets(sensitivity);
        TargetPlan masked = validation.passwordKeys().isEmpty() ? plan : Planner.plan(target, live, owned, request.prune(), sensitivity);
        if (!validation.warnings().isEmpty()) {
            masked = masked.withChanges(masked.changes().stream().map(c -> validation.warnings().getOrDefault(c.name(), List.of()).stream()
                    .reduce(c, (change, warning) -> change.withNote(Change.WARNING + warning), (a, b) -> a)).toList());
        }
        return new Planned(masked, validation.problems());
    }

    @Override
    public List<Outcome> apply(TargetPlan plan, WriteGate gate, ApplyRequest request) {
        // Every write goes through the pass's gate: what is not provably ours is refused, whatever the plan says.
        ConnectApi gated = new GatedConnectApi(client, name(), gate);
        return Applier.apply(plan, gated, ownership, request.parallelism(), new AtomicInteger(), 0,
                (done, total, outcome) -> request.progress().accept(outcome.redacted(redactor)))
                .stream().map(o -> o.redacted(redactor)).toList();
    }

    @Override
    public io.connectops.status.TargetStatus status(boolean declared) {
        String address = kind().address(target.cluster().urls().stream().map(Object::toString).toList());
        try {
            LiveState live = client.readAll();
            return new io.connectops.status.TargetStatus(kind(), name(), address,
                    io.connectops.status.StatusReport.rows(target, live, ownership.read(live, client), declared), List.of());
        } catch (RuntimeException e) {
            return new io.connectops.status.TargetStatus(kind(), name(), address, List.of(), List.of(redactor.redact(String.valueOf(e.getMessage()))));
        }
    }

    /**
     * The cluster as a person's command on one named connector may write to it: through the gate, with that connector's
     * owner read now (one or two calls). Only a connector connectops owns is restarted, paused, reset or deleted, unless
     * {@code force}.
     */
    public GatedConnectApi gatedFor(String connector, boolean force) {
        if (force) {
            return new GatedConnectApi(client, name(), WriteGate.forced());
        }
        ResourceId id = ResourceId.connector(name(), connector);
        return new GatedConnectApi(client, name(), WriteGate.of(Map.of(id, ownership.check(connector, client)), List.of()));
    }

    private TargetPlan unreachable(String error) {
        return TargetPlan.unreachable(kind(), name(), target.cluster().urls().stream().map(Object::toString).toList(), error);
    }

    /** Every value that is masked in plans is also kept out of any other text (Connect quotes values in errors). */
    private void registerSecrets(Sensitivity clusterSensitivity) {
        for (ConnectorSpec spec : target.connectors()) {
            Sensitivity sensitivity = clusterSensitivity.forConnector(spec);
            spec.connectConfig().forEach((key, value) -> {
                if (sensitivity.isSensitive(key)) {
                    redactor.register(value);
                }
            });
        }
    }
}
