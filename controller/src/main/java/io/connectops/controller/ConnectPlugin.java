package io.connectops.controller;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.connectops.apply.Outcome;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.engine.ClusterSession;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.PlanGates;
import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.ResourceId;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.ownership.Owner;
import io.connectops.ownership.OwnershipStore;
import io.connectops.plan.Change;
import io.connectops.plan.Sensitivity;
import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;
import io.connectops.status.ConnectorHealth;
import io.connectops.status.Health;

/**
 * A Connect cluster in the controller's pass: its REST client and ownership record kept between passes, its
 * follow-ups (offsets and restart tokens, healing), each connector's health from Connect's status, and giving a
 * connector up by taking its marker out.
 */
final class ConnectPlugin implements TargetPlugin<Targets.ClusterTarget> {
    private final String name;
    private final TargetClients clients;
    private final ControllerMetrics metrics;
    private final java.util.function.BooleanSupplier leading;
    private final Healer healer;
    private final Redactor redactor;
    private final ConnectFollowUps followUps;
    private final Object connectionLock = new Object();
    /** By connector class: the keys its plugin declares PASSWORD (for the dashboard's view of live configs). */
    private final Map<String, java.util.Set<String>> passwordKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private ConnectClusterSpec connectionKey;
    private ConnectApi client;
    private OwnershipStore ownership;
    /** The session of the current declaration: the controller's validation read is reused by the first pass. */
    private ClusterSession session;
    /** The current declaration's connectors by name. */
    private volatile Map<String, ConnectorSpec> specs = Map.of();
    /** What the last pass saw after its writes, for health and {@link #detail}. */
    private volatile LiveState live;

    ConnectPlugin(String name, Reconciler.Context context, TargetClients clients, RestartTokens tokens, Clock clock) {
        this.name = name;
        this.clients = clients;
        this.metrics = context.metrics();
        this.leading = context.leading();
        this.redactor = context.redactor();
        this.healer = new Healer(context.options().healing());
        this.followUps = new ConnectFollowUps(name, context, tokens, healer, clock);
    }

    /**
     * The session for {@code target}, kept while the declaration stays the same, its client and ownership record while
     * the connection settings do. Under its own lock: the controller validates a new commit with it while a pass may run.
     */
    @Override
    public ClusterSession session(Targets.ClusterTarget target) {
        synchronized (connectionLock) {
            ConnectClusterSpec spec = target.cluster();
            ConnectClusterSpec key = new ConnectClusterSpec(spec.name(), spec.urls(), spec.auth(), spec.tls(), spec.connectTimeout(),
                    spec.requestTimeout(), spec.ownership(), SourceLocation.UNKNOWN);
            if (!key.equals(connectionKey)) {
                closeQuietly();
                client = clients.connect(spec, metrics.restObserver(), leading);
                ownership = clients.ownership(spec);
                connectionKey = key;
                session = null;
            }
            if (session == null || !session.target().equals(target)) {
                session = new ClusterSession(target, client, ownership, redactor);
                Map<String, ConnectorSpec> byName = new java.util.HashMap<>();
                target.connectors().forEach(c -> byName.put(c.name(), c));
                specs = byName;
            }
            return session;
        }
    }

    @Override
    public List<Declared> declared(Targets.ClusterTarget target) {
        return target.connectors().stream().filter(c -> !c.absent()).map(c -> new Declared(c.name(), "Connector", c.source())).toList();
    }

    @Override
    public FollowUps followUp(Targets.ClusterTarget target, TargetPlan plan, boolean wrote) {
        ClusterSession current = session(target);
        // The follow-ups write through the same gate as the plan: nothing that is not provably ours is reset or restarted.
        GatedConnectApi gated = new GatedConnectApi(current.client(), name, PlanGates.of(plan));
        int offsetChanges = followUps.offsetsTokens(gated, target, current.observed());
        LiveState seen = !wrote && offsetChanges == 0 ? current.observed() : safeRead(current.client());
        live = seen;
        int restarts = followUps.restartTokens(gated, target, seen);
        ConnectFollowUps.Healed healed = followUps.heal(gated, target, seen);
        return new FollowUps(offsetChanges + restarts + healed.restarts(), healed.nextHeal());
    }

    @Override
    public Health health(Declared resource, Change change, Outcome outcome) {
        ConnectorSpec spec = spec(resource);
        return ConnectorHealth.of(spec, connector(resource.key()), healer.gaveUp(resource.key()));
    }

    @Override
    public ResourceStatus row(Declared resource, ResourceStatus generic, Change change) {
        LiveConnector connector = connector(resource.key());
        String message = connector == null ? null : ConnectorHealth.failed(connector) ? ConnectorHealth.failure(connector) : null;
        String notHealed = followUps.notHealed(resource.key());
        if (message != null && notHealed != null) {
            message = message + "; not restarted: " + notHealed;
        }
        List<ResourceStatus.Task> tasks = connector == null || connector.status() == null ? List.of()
                : connector.status().tasks().stream().map(t -> new ResourceStatus.Task(t.id(), t.state(), t.workerId(),
                t.trace() == null ? null : redactor.redact(t.traceHeadline()))).toList();
        return new ResourceStatus(generic.cluster(), generic.connector(), generic.sync(), generic.health(), generic.lastAppliedRevision(),
                generic.lastError(), healer.restarts(resource.key()), redactor.redact(message), connector == null ? null : connector.state(),
                tasks, followUps.offsetsDone(resource.key()));
    }

    @Override
    public void healthMetrics(ControllerMetrics metrics, String label, Map<Health, Integer> counts) {
        metrics.connectorsByHealth(label, counts);
    }

    /**
     * Gives a connector up without deleting it: when it is connectops' own, its ownership marker is taken out of its
     * config (one PUT) and any recorded claim released, so no later prune touches it; anything else is left as it is.
     */
    @Override
    public String disown(Targets.ClusterTarget target, String connector) {
        ClusterSession current = session(target);
        ConnectApi raw = current.client();
        Optional<Map<String, String>> config = raw.config(connector);
        if (config.isEmpty()) {
            return "not on the cluster: nothing to give up";
        }
        Owner owner = current.ownership().check(connector, raw);
        if (owner.kind() == Owner.Kind.UNKNOWN) {
            throw new IllegalStateException("whether connectops owns " + connector + " is unknown (" + owner.detail() + "): not given up yet");
        }
        if (!owner.ours()) {
            return "not connectops' own (" + owner.label() + "): left as it is, nothing to give up";
        }
        ResourceId id = ResourceId.connector(name, connector);
        WriteGate gate = WriteGate.of(Map.of(id, owner), List.of());
        gate.require(id, WriteKind.DISOWN);
        GatedConnectApi client = new GatedConnectApi(raw, name, gate);
        String done = "left on the cluster";
        if (config.get().containsKey(ConnectorSpec.OWNER_KEY)) {
            Map<String, String> unmarked = new LinkedHashMap<>(config.get());
            unmarked.remove(ConnectorSpec.OWNER_KEY);
            unmarked.remove("name");
            client.putConfig(connector, unmarked);
            done = "left on the cluster, no longer marked as connectops'";
        }
        current.ownership().recordDeleted(List.of(connector), client);
        return done;
    }

    @Override
    public Optional<ResourceDetail> detail(Targets.ClusterTarget target, TargetPlan plan, String connector) {
        ConnectorSpec spec = target.connectors().stream().filter(c -> c.name().equals(connector)).findFirst().orElse(null);
        LiveState seen = live;
        LiveConnector liveConnector = seen == null ? null : seen.connectors().get(connector);
        if (spec == null && liveConnector == null) {
            return Optional.empty();
        }
        Sensitivity sensitivity = pluginSensitivity(liveConnector).forConnector(spec);
        Map<String, String> declared = spec == null || spec.absent() ? null : masked(spec.connectConfig(), sensitivity);
        Map<String, String> liveConfig = liveConnector == null || liveConnector.config() == null ? null
                : masked(liveConnector.config(), sensitivity);
        List<io.connectops.plan.KeyChange> diff = plan.change("Connector", connector).map(Change::keyChanges).orElse(List.of());
        return Optional.of(new ResourceDetail(name, connector, "Connector", spec == null ? null : spec.source().file(),
                spec == null ? 0 : spec.source().line(), declared, liveConfig, diff));
    }

    /**
     * The keys the connector's plugin declares PASSWORD, asked once per class (one validate call) and kept: a connector
     * connectops did not make can hold a secret under any key name, as plan and export know.
     */
    private Sensitivity pluginSensitivity(LiveConnector connector) {
        String connectorClass = connector == null || connector.config() == null ? null : connector.config().get("connector.class");
        ClusterSession current = session;
        if (connectorClass == null || current == null) {
            return Sensitivity.byName();
        }
        java.util.Set<String> keys = passwordKeys.get(connectorClass);
        if (keys == null) {
            try {
                keys = current.client().validate(connectorClass, connector.config()).passwordKeys();
                passwordKeys.put(connectorClass, keys);
            } catch (RuntimeException e) {
                return Sensitivity.byName(); // asked again next time; names alone meanwhile, as export does
            }
        }
        return new Sensitivity(keys);
    }

    private Map<String, String> masked(Map<String, String> config, Sensitivity sensitivity) {
        Map<String, String> shown = new TreeMap<>();
        config.forEach((key, value) -> shown.put(key, redactor.redact(sensitivity.display(key, value))));
        return shown;
    }

    private ConnectorSpec spec(Declared resource) {
        return specs.get(resource.key());
    }

    private LiveConnector connector(String name) {
        LiveState seen = live;
        return seen == null ? null : seen.connectors().get(name);
    }

    private static LiveState safeRead(ConnectApi client) {
        try {
            return client.readAll();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void closeQuietly() {
        if (ownership != null) {
            try {
                ownership.close();
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
