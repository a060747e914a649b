package io.connectops.controller;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.connectops.model.Targets;

/**
 * Giving resources up without deleting them (deletionPolicy Orphan), for the operator: now, on the target's own thread
 * (so never beside one of its passes), or later, at the next pass that reaches it, before that pass plans (for a
 * resource whose Kubernetes object had to be released while its cluster was unreachable). Either way only what is
 * connectops' own loses its marker or claim (the write gate).
 */
public final class Orphans {
    private final Supplier<Targets> desired;
    private final Workers workers;
    private final PendingOrphans pending;
    private final Events events;

    Orphans(Supplier<Targets> desired, Workers workers, PendingOrphans pending, Events events) {
        this.desired = desired;
        this.workers = workers;
        this.pending = pending;
        this.events = events;
    }

    /**
     * Gives {@code connector} on Connect cluster {@code cluster} (null: the only one declared) up now.
     *
     * @throws IllegalStateException when it could not be done within {@code timeout} (the cluster unreachable)
     */
    public String disown(String cluster, String connector, Duration timeout) {
        return workers.disown(desired.get(), connectLabel(cluster, connector), connector, timeout);
    }

    /** Gives a Kafka resource ({@code topic/orders}, {@code acl/User:app}, {@code user/app}) on {@code cluster} up now. */
    public String disownKafka(String cluster, String resource, Duration timeout) {
        return workers.disown(desired.get(), kafkaLabel(cluster, resource), resource, timeout);
    }

    /**
     * Remembers to give {@code connector} up at the next pass that reaches its cluster; until then, nothing on that
     * cluster is pruned (its passes fail). Kept in the cache directory across restarts.
     */
    public void disownLater(String cluster, String connector) {
        later(connectLabel(cluster, connector), connector);
    }

    /** As {@link #disownLater}, for a Kafka resource. */
    public void disownKafkaLater(String cluster, String resource) {
        later(kafkaLabel(cluster, resource), resource);
    }

    private void later(String label, String resource) {
        pending.remember(label, resource);
        events.record(label, resource, "OrphanPending", "its resource was released while the cluster could not be reached: it is given up "
                + "at the next pass that reaches it, and nothing there is pruned before");
    }

    private String connectLabel(String cluster, String resource) {
        return name(cluster, resource, "cluster", t -> t.clusters().stream().map(Targets.ClusterTarget::name).toList());
    }

    private String kafkaLabel(String cluster, String resource) {
        return KafkaPlugin.label(name(cluster, resource, "Kafka cluster", t -> t.kafka().stream().map(Targets.KafkaTarget::name).toList()));
    }

    /** The declared target named {@code cluster}, or the only one when it is null. */
    private String name(String cluster, String resource, String what, Function<Targets, List<String>> names) {
        Targets targets = desired.get();
        List<String> declared = targets == null ? List.of() : names.apply(targets);
        if (cluster == null && declared.size() == 1) {
            return declared.get(0);
        }
        if (cluster == null || !declared.contains(cluster)) {
            throw new IllegalStateException(cluster == null ? "no " + what + " named for " + resource : "no " + what + " '" + cluster
                    + "' is declared");
        }
        return cluster;
    }
}
