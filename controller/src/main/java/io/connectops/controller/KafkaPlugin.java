package io.connectops.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.connectops.apply.Outcome;
import io.connectops.apply.PasswordStore;
import io.connectops.engine.KafkaSession;
import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.model.KafkaClusterSpec;
import io.connectops.model.ResourceId;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.model.TopicSpec;
import io.connectops.ownership.Owner;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.TargetPlan;
import io.connectops.status.Health;

/**
 * A Kafka cluster in the controller's pass: its Admin client and claim record kept between passes, each declared
 * topic, ACL set and user healthy unless it is left alone or its write failed, and giving a resource up by releasing
 * this owner's claim.
 */
final class KafkaPlugin implements TargetPlugin<Targets.KafkaTarget> {
    private final String name;
    private final TargetClients clients;
    private final PasswordStore passwords;
    private final io.connectops.secrets.Redactor redactor;
    private final Object sessionLock = new Object();
    private KafkaClusterSpec sessionKey;
    private KafkaSession connected;

    KafkaPlugin(String name, TargetClients clients, PasswordStore passwords, io.connectops.secrets.Redactor redactor) {
        this.redactor = redactor;
        this.name = name;
        this.clients = clients;
        this.passwords = passwords;
    }

    /** The label of a Kafka cluster in events, status and metrics: Kafka clusters and Connect clusters may share a name. */
    static String label(String cluster) {
        return "kafka/" + cluster;
    }

    /**
     * The clients for {@code target}, kept while its connection settings stay the same (under their own lock: the
     * controller validates a new commit with them while a pass may still run).
     */
    @Override
    public KafkaSession session(Targets.KafkaTarget target) {
        synchronized (sessionLock) {
            KafkaClusterSpec spec = target.cluster();
            KafkaClusterSpec key = new KafkaClusterSpec(spec.name(), spec.bootstrapServers(), spec.properties(), spec.owner(),
                    spec.ownershipTopic(), spec.protectedTopics(), spec.ownershipWriters(), SourceLocation.UNKNOWN);
            if (!key.equals(sessionKey)) {
                closeQuietly();
                connected = clients.kafka(target);
                sessionKey = key;
            }
            return new KafkaSession(target, connected.admin(), connected.claims(), passwords, redactor);
        }
    }

    @Override
    public List<Declared> declared(Targets.KafkaTarget target) {
        List<Declared> resources = new ArrayList<>();
        target.topics().forEach(t -> resources.add(new Declared("topic/" + t.name(), "Topic", t.source())));
        target.acls().forEach(a -> resources.add(new Declared("acl/" + a.principal(), "Acl", a.source())));
        target.users().forEach(u -> resources.add(new Declared("user/" + u.name(), "User", u.source())));
        // Kinds added as plug-ins (client quotas): their claim key is their status key.
        target.resources().forEach(r -> resources.add(new Declared(ResourceId.claimKey(r.kind(), r.name()), r.kind(), r.source())));
        return resources;
    }

    @Override
    public FollowUps followUp(Targets.KafkaTarget target, TargetPlan plan, boolean wrote) {
        return FollowUps.NONE;
    }

    @Override
    public Health health(Declared resource, Change change, Outcome outcome) {
        if (change == null || change.action() == Action.NONE) {
            return change != null && change.leftAlone() ? Health.Degraded : Health.Healthy;
        }
        if (outcome != null && outcome.ok()) {
            return Health.Healthy;
        }
        return change.action() == Action.CREATE ? Health.Missing : outcome != null ? Health.Degraded : Health.Progressing;
    }

    @Override
    public ResourceStatus row(Declared resource, ResourceStatus generic, Change change) {
        return new ResourceStatus(generic.cluster(), generic.connector(), generic.sync(), generic.health(), generic.lastAppliedRevision(),
                generic.lastError(), 0, change == null ? null : redactor.redact(change.note()));
    }

    @Override
    public void healthMetrics(ControllerMetrics metrics, String label, Map<Health, Integer> counts) {
        metrics.kafkaResourcesByHealth(label, counts);
    }

    @Override
    public void requestMetrics(ControllerMetrics metrics, String label, long requests) {
        metrics.kafkaAdminRequests(label, requests);
    }

    /** Releases this owner id's claim on the resource (read now: throws when the record cannot be read, tried again later). */
    @Override
    public String disown(Targets.KafkaTarget target, String resource) {
        KafkaSession current = session(target);
        String clusterId = current.admin().clusterId();
        Owner owner = current.claims().read().stream()
                .filter(c -> c.kafkaClusterId().equals(clusterId) && c.resource().equals(resource)).findFirst()
                .map(c -> !target.teams().acts(c.owner(), target.cluster().owner()) ? Owner.other(c.owner())
                        : c.owner().equals(target.cluster().owner()) ? Owner.CONNECTOPS : Owner.team(c.owner()))
                .orElse(Owner.NONE);
        ResourceId id = ResourceId.fromClaimKey(name, resource);
        if (!WriteGate.of(Map.of(id, owner), List.of()).check(id, WriteKind.DISOWN).allowed()) {
            return "not connectops' own (" + owner.label() + "): left as it is, nothing to give up";
        }
        current.claims().release(clusterId, List.of(resource));
        return "left on the cluster, no longer claimed by connectops";
    }

    /** A topic's declared partitions and config; for every kind, what differs and where it is declared. */
    @Override
    public Optional<ResourceDetail> detail(Targets.KafkaTarget target, TargetPlan plan, String resource) {
        Change change = plan.changes().stream().filter(c -> c.resource().equals(resource)).findFirst().orElse(null);
        Map<String, String> declared = null;
        for (TopicSpec topic : target.topics()) {
            if (("topic/" + topic.name()).equals(resource)) {
                declared = new TreeMap<>();
                if (topic.partitions() != null) {
                    declared.put("partitions", topic.partitions().toString());
                }
                if (topic.replicationFactor() != null) {
                    declared.put("replicationFactor", topic.replicationFactor().toString());
                }
                declared.putAll(topic.config());
            }
        }
        SourceLocation source = declared(target).stream().filter(d -> d.key().equals(resource)).map(Declared::source).findFirst()
                .orElse(null);
        if (change == null && source == null) {
            return Optional.empty();
        }
        return Optional.of(new ResourceDetail(label(name), resource, change != null ? change.kind() : resource.substring(0, resource.indexOf('/')),
                source == null ? null : source.file(), source == null ? 0 : source.line(), declared, null,
                change == null ? List.of() : change.keyChanges()));
    }

    private void closeQuietly() {
        if (connected != null) {
            try {
                connected.close();
            } catch (RuntimeException e) {
                // closing old clients must not stop the new ones
            }
            connected = null;
        }
    }

    @Override
    public void close() {
        synchronized (sessionLock) {
            closeQuietly();
        }
    }
}
