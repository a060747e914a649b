package io.connectops.controller;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Outcome;
import io.connectops.apply.Progress;
import io.connectops.engine.Engine;
import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.engine.KafkaSession;
import io.connectops.model.InvalidInputException;
import io.connectops.model.KafkaClusterSpec;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.plan.Action;
import io.connectops.plan.KafkaChange;
import io.connectops.plan.KafkaPlan;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;
import io.connectops.secrets.Redactor;
import io.connectops.status.Health;
import io.connectops.status.SyncState;

/**
 * One Kafka cluster's reconcile: plan its topics, ACL sets and users against what is live, apply the
 * difference (on a new revision, or on resync when self-healing), say what drifted (a config changed by
 * hand, an ACL deleted by hand), and keep each declared resource's status. The Admin client and claim
 * record are kept between passes while the cluster's connection settings stay the same.
 */
final class KafkaReconciler implements TargetReconciler<Targets.KafkaTarget> {
    private final String name;
    private final ControllerOptions options;
    private final ControllerMetrics metrics;
    private final Events events;
    private final java.util.function.BooleanSupplier leading;
    private final io.connectops.apply.PasswordStore passwords;
    private final PendingOrphans orphans;
    private final Map<String, ResourceStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> appliedRevision = new ConcurrentHashMap<>();
    private final Object sessionLock = new Object();
    private KafkaClusterSpec sessionKey;
    private KafkaSession session;
    /** Parts that could not be read at the last pass: reported when they change, not at every resync. */
    private List<String> lastProblems = List.of();

    KafkaReconciler(String name, ControllerOptions options, ControllerMetrics metrics, Events events,
                    io.connectops.apply.PasswordStore passwords, PendingOrphans orphans, java.util.function.BooleanSupplier leading) {
        this.orphans = orphans;
        this.name = name;
        this.passwords = passwords;
        this.options = options;
        this.metrics = metrics;
        this.events = events;
        this.leading = leading;
    }

    /** The label of this target in events, status and metrics: Kafka clusters and Connect clusters may share a name. */
    static String label(String cluster) {
        return "kafka/" + cluster;
    }

    private record LastPass(Targets.KafkaTarget target, KafkaPlan plan) {
    }

    private volatile LastPass lastSeen;

    /** A topic's declared partitions and config; for every kind, what differs and where it is declared. */
    @Override
    public java.util.Optional<io.connectops.controller.ResourceDetail> detail(String resource) {
        LastPass pass = lastSeen;
        if (pass == null) {
            return java.util.Optional.empty();
        }
        KafkaChange change = pass.plan().changes().stream().filter(c -> c.resource().equals(resource)).findFirst().orElse(null);
        Map<String, String> declared = null;
        io.connectops.model.SourceLocation source = null;
        for (io.connectops.model.TopicSpec topic : pass.target().topics()) {
            if (("topic/" + topic.name()).equals(resource)) {
                declared = new java.util.TreeMap<>();
                if (topic.partitions() != null) {
                    declared.put("partitions", topic.partitions().toString());
                }
                if (topic.replicationFactor() != null) {
                    declared.put("replicationFactor", topic.replicationFactor().toString());
                }
                declared.putAll(topic.config());
                source = topic.source();
            }
        }
        for (io.connectops.model.AclSpec acl : pass.target().acls()) {
            if (("acl/" + acl.principal()).equals(resource)) {
                source = acl.source();
            }
        }
        for (io.connectops.model.UserSpec user : pass.target().users()) {
            if (("user/" + user.name()).equals(resource)) {
                source = user.source();
            }
        }
        if (change == null && source == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new io.connectops.controller.ResourceDetail(label(name), resource,
                change != null ? change.kind() : resource.substring(0, resource.indexOf('/')), source == null ? null : source.file(),
                source == null ? 0 : source.line(), declared, null, change == null ? List.of() : change.keyChanges()));
    }

    @Override
    public List<ResourceStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /**
     * The clients for {@code target}, kept while its connection settings stay the same (under their own lock:
     * the controller validates a new commit with them while a pass may still run).
     */
    KafkaSession session(Targets.KafkaTarget target) {
        synchronized (sessionLock) {
            KafkaClusterSpec spec = target.cluster();
            KafkaClusterSpec key = new KafkaClusterSpec(spec.name(), spec.bootstrapServers(), spec.properties(), spec.owner(),
                    spec.ownershipTopic(), spec.protectedTopics(), SourceLocation.UNKNOWN);
            if (!key.equals(sessionKey)) {
                closeQuietly();
                session = KafkaSession.connect(target);
                sessionKey = key;
            }
            return new KafkaSession(target, session.admin(), session.claims(), passwords);
        }
    }

    /**
     * Gives {@code resource} up without deleting it: its claim is released, so it is no longer connectops' and no
     * prune deletes it (deletionPolicy Orphan).
     *
     * @return what was done, in words
     */
    synchronized String disown(Targets.KafkaTarget target, String resource) {
        KafkaSession current = session(target);
        String clusterId = current.admin().clusterId();
        // Read now (throws when the record cannot be read: tried again later): only this owner id's claim is released.
        io.connectops.ownership.Owner owner = current.claims().read().stream()
                .filter(c -> c.kafkaClusterId().equals(clusterId) && c.resource().equals(resource)).findFirst()
                .map(c -> c.owner().equals(target.cluster().owner()) ? io.connectops.ownership.Owner.CONNECTOPS
                        : io.connectops.ownership.Owner.other(c.owner()))
                .orElse(io.connectops.ownership.Owner.NONE);
        io.connectops.model.ResourceId id = io.connectops.model.ResourceId.fromClaimKey(name, resource);
        WriteGate.Verdict verdict = WriteGate.of(Map.of(id, owner), List.of()).check(id, WriteKind.DISOWN);
        String done;
        if (verdict.allowed()) {
            current.claims().release(clusterId, List.of(resource));
            done = "left on the cluster, no longer claimed by connectops";
        } else {
            done = "not connectops' own (" + owner.label() + "): left as it is, nothing to give up";
        }
        statuses.remove(resource);
        events.record(label(name), resource, "Orphaned", done);
        return done;
    }

    /** Gives up what {@link Controller#disownLater} remembered for this cluster, before anything is planned. */
    private String givePendingUp(Targets.KafkaTarget target) {
        return orphans.giveUp(label(name), leading, resource -> disown(target, resource));
    }

    @Override
    public synchronized ClusterReconciler.Pass reconcile(Targets.KafkaTarget target, String revision, boolean newRevision,
                                                         boolean onlineValidation) {
        String label = label(name);
        String pending = givePendingUp(target);
        if (pending != null) {
            return failed(target, pending);
        }
        KafkaSession current = session(target);
        // Not closed: the session outlives the pass (its clients are this reconciler's).
        Engine engine = new Engine(new Targets(List.of(), List.of(target)), t -> null, t -> null, t -> current);
        long requestsBefore = current.admin().requests();
        Plan plan;
        try {
            plan = engine.plan(options.prune(), false, ClusterReconciler.PARALLELISM);
        } catch (InvalidInputException e) {
            return failed(target, "validation: " + e.getMessage());
        }
        KafkaPlan kafka = plan.kafka().get(0);
        lastSeen = new LastPass(target, kafka);
        if (kafka.error() != null) {
            return failed(target, kafka.error());
        }
        if (!kafka.problems().equals(lastProblems)) {
            kafka.problems().forEach(p -> events.record(label, null, "ReadFailed", p + ": what it concerns is left alone"));
            lastProblems = kafka.problems();
        }
        boolean mayWrite = newRevision || options.selfHeal();
        String guard = null;
        try {
            Engine.checkDeletionGuard(plan, options.maxDeletions(), false);
        } catch (IllegalStateException e) {
            guard = e.getMessage();
        }
        if (!leading.getAsBoolean()) {
            return ClusterReconciler.Pass.failed(label, "no longer the leader: nothing written");
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int writes = 0;
        if (mayWrite && guard == null && plan.hasChanges()) {
            ApplyReport report = engine.apply(plan, ClusterReconciler.PARALLELISM, Progress.NONE);
            for (Outcome outcome : report.outcomes()) {
                outcomes.put(outcome.connector(), outcome);
                writes += outcome.ok() ? 1 : 0;
                metrics.applyOperation(label, outcome.action().name().toLowerCase(java.util.Locale.ROOT), outcome.ok());
            }
            if (!report.clusterErrors().isEmpty()) {
                return failed(target, String.join("; ", report.clusterErrors()));
            }
        }
        metrics.kafkaAdminRequests(label, current.admin().requests() - requestsBefore);
        if (guard != null) {
            events.record(label, null, "PruneRefused", guard);
        }
        if (kafka.pruneRefused(options.prune())) {
            events.record(label, null, "PruneRefused", "whether connectops owns " + String.join(", ", kafka.ownershipUnknown())
                    + " is unknown: not deleted");
        }
        for (KafkaChange change : kafka.changes()) {
            if (change.action() == Action.NONE) {
                continue;
            }
            PassEvents.record(events, metrics, label, change.resource(), outcomes.get(change.resource()), mayWrite, newRevision, revision,
                    describe(change));
        }
        updateStatuses(target, kafka, outcomes, revision, mayWrite && guard == null);
        metrics.clusterUp(label, true);
        return new ClusterReconciler.Pass(label, guard == null && outcomes.values().stream().allMatch(Outcome::ok), writes, guard, null);
    }

    /** What drifted, in words: names of keys and ACLs, never a secret value. */
    private static String describe(KafkaChange change) {
        return switch (change.action()) {
            case CREATE -> "missing on the cluster (deleted by hand?): created again";
            case DELETE -> "no longer declared: deleted";
            case UPDATE -> "differs (" + change.keyChanges().stream().map(k -> k.key().equals("acl")
                    ? (k.kind() == KeyChange.Kind.ADDED ? "missing ACL: " + k.after() : "extra ACL: " + k.before()) : k.key())
                    .collect(Collectors.joining(", ")) + ")";
            case NONE -> "in sync";
        };
    }

    private ClusterReconciler.Pass failed(Targets.KafkaTarget target, String error) {
        String label = label(name);
        String message = Redactor.redact(error);
        events.record(label, null, "ReconcileFailed", message);
        for (String resource : declared(target)) {
            ResourceStatus old = statuses.get(resource);
            statuses.put(resource, new ResourceStatus(label, resource, SyncState.Unknown, old == null ? Health.Missing : old.health(),
                    appliedRevision.get(resource), message, 0, null));
        }
        metrics.clusterUp(label, false);
        return ClusterReconciler.Pass.failed(label, message);
    }

    private static List<String> declared(Targets.KafkaTarget target) {
        List<String> resources = new java.util.ArrayList<>();
        target.topics().forEach(t -> resources.add("topic/" + t.name()));
        target.acls().forEach(a -> resources.add("acl/" + a.principal()));
        target.users().forEach(u -> resources.add("user/" + u.name()));
        return resources;
    }

    private void updateStatuses(Targets.KafkaTarget target, KafkaPlan plan, Map<String, Outcome> outcomes, String revision,
                                boolean applied) {
        Map<String, KafkaChange> changes = new HashMap<>();
        plan.changes().forEach(c -> changes.put(c.resource(), c));
        Set<String> declared = ConcurrentHashMap.newKeySet();
        Map<Health, Integer> counts = new java.util.EnumMap<>(Health.class);
        for (String resource : declared(target)) {
            declared.add(resource);
            KafkaChange change = changes.get(resource);
            Outcome outcome = outcomes.get(resource);
            SyncState sync;
            String error = null;
            Health health;
            if (change == null || change.action() == Action.NONE) {
                sync = SyncState.Synced;
                health = change != null && change.note() != null && change.note().contains("left alone") ? Health.Degraded : Health.Healthy;
            } else if (outcome != null && outcome.ok()) {
                sync = SyncState.Synced;
                health = Health.Healthy;
            } else {
                sync = SyncState.OutOfSync;
                error = outcome != null ? outcome.error() : applied ? null : "differs from " + revisionShort(revision) + ": " + describe(change);
                health = change.action() == Action.CREATE ? Health.Missing : outcome != null ? Health.Degraded : Health.Progressing;
            }
            if (sync == SyncState.Synced) {
                appliedRevision.put(resource, revision);
            }
            counts.merge(health, 1, Integer::sum);
            String message = change == null ? null : change.note();
            statuses.put(resource, new ResourceStatus(label(name), resource, sync, health, appliedRevision.get(resource),
                    Redactor.redact(error), 0, Redactor.redact(message)));
        }
        statuses.keySet().retainAll(declared);
        metrics.kafkaResourcesByHealth(label(name), counts);
        metrics.outOfSync(label(name), (int) statuses.values().stream().filter(r -> r.sync() == SyncState.OutOfSync).count());
    }

    private static String revisionShort(String revision) {
        return PassEvents.revisionShort(revision);
    }

    private void closeQuietly() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                // closing old clients must not stop the new ones
            }
            session = null;
        }
    }

    @Override
    public void close() {
        synchronized (sessionLock) {
            closeQuietly();
        }
    }
}
