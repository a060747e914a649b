package io.connectops.controller;

import io.connectops.status.Health;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.connectops.connect.ConnectClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Every number the controller exposes on {@code /metrics}, in one place so the names stay consistent
 * (Prometheus names: {@code connectops_syncs_total}, {@code connectops_sync_duration_seconds}, ...).
 */
public final class ControllerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Per cluster, per health: gauges registered the first time a cluster reports. */
    private final Map<String, Map<Health, AtomicInteger>> byHealth = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger leader = new AtomicInteger();
    /** Unix seconds of the last reconcile pass that completed without error (0 before the first). */
    private final java.util.concurrent.atomic.AtomicLong lastSuccess = new java.util.concurrent.atomic.AtomicLong();
    /** 1 while the newest revision is rejected (the last good one in force). */
    private final AtomicInteger revisionRejected = new AtomicInteger();
    private final Map<String, AtomicInteger> clusterUp = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outOfSync = new java.util.concurrent.ConcurrentHashMap<>();

    public ControllerMetrics() {
        // The process itself: heap, GC, threads (the controller's memory target is checked with these).
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Gauge.builder("connectops.leader", leader, AtomicInteger::get).description("1 while this controller is the leader")
                .register(registry);
        Gauge.builder("connectops.last.successful.sync.timestamp", lastSuccess, java.util.concurrent.atomic.AtomicLong::get)
                .baseUnit("seconds").description("When the last reconcile pass completed without error (Unix time)").register(registry);
        Gauge.builder("connectops.revision.rejected", revisionRejected, AtomicInteger::get)
                .description("1 while the newest revision is rejected and the last good one stays in force").register(registry);
    }

    /** A pass over the revision completed without error at {@code when}. */
    public void syncSucceeded(java.time.Instant when) {
        lastSuccess.set(when.getEpochSecond());
    }

    public void revisionRejected(boolean rejected) {
        revisionRejected.set(rejected ? 1 : 0);
    }

    /** Whether the last pass over a cluster (a Connect cluster, or kafka/NAME) worked. */
    public void clusterUp(String cluster, boolean up) {
        perCluster(clusterUp, "connectops.cluster.up", "1 when the last pass over the cluster worked", cluster).set(up ? 1 : 0);
    }

    /** Declared resources of a cluster that differ from the applied revision. */
    public void outOfSync(String cluster, int count) {
        perCluster(outOfSync, "connectops.out.of.sync", "Declared resources that differ from the applied revision", cluster).set(count);
    }

    /** A gauge per cluster, registered the first time the cluster reports. */
    private AtomicInteger perCluster(Map<String, AtomicInteger> gauges, String metric, String description, String cluster) {
        return gauges.computeIfAbsent(cluster, c -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(metric, value, AtomicInteger::get).description(description).tag("cluster", c).register(registry);
            return value;
        });
    }

    /** One pass over a revision; result: applied, unchanged, rejected, error. */
    public void sync(String result, Duration took) {
        Counter.builder("connectops.syncs").description("Reconcile passes by result").tag("result", result).register(registry).increment();
        Timer.builder("connectops.sync.duration").description("Time of a reconcile pass").register(registry).record(took);
    }

    public void applyOperation(String cluster, String kind, boolean ok) {
        Counter.builder("connectops.apply.operations").description("Creates, updates, deletes by result")
                .tags("cluster", cluster, "kind", kind, "result", ok ? "ok" : "error").register(registry).increment();
    }

    public void driftCorrection(String cluster) {
        Counter.builder("connectops.drift.corrections").description("Hand-made changes put back").tag("cluster", cluster)
                .register(registry).increment();
    }

    public void restart(String cluster, String reason, boolean ok) {
        Counter.builder("connectops.restarts").description("Connector restarts (healing and restartToken)")
                .tags("cluster", cluster, "reason", reason, "result", ok ? "ok" : "error").register(registry).increment();
    }

    public void connectorsByHealth(String cluster, Map<Health, Integer> counts) {
        byHealth("connectops.connectors", "Declared connectors by health", cluster, counts);
    }

    /** Declared topics, ACL sets and users of one Kafka cluster by health. */
    public void kafkaResourcesByHealth(String cluster, Map<Health, Integer> counts) {
        byHealth("connectops.kafka.resources", "Declared Kafka resources by health", cluster, counts);
    }

    private void byHealth(String metric, String description, String cluster, Map<Health, Integer> counts) {
        Map<Health, AtomicInteger> gauges = byHealth.computeIfAbsent(metric + "\u0000" + cluster, key -> {
            Map<Health, AtomicInteger> created = new EnumMap<>(Health.class);
            for (Health health : Health.values()) {
                AtomicInteger count = new AtomicInteger();
                created.put(health, count);
                Gauge.builder(metric, count, AtomicInteger::get).description(description)
                        .tags("cluster", cluster, "health", health.name()).register(registry);
            }
            return created;
        });
        gauges.forEach((health, gauge) -> gauge.set(counts.getOrDefault(health, 0)));
    }

    /** Admin requests one pass over a Kafka cluster made (constant for a no-op pass, whatever the number of resources). */
    public void kafkaAdminRequests(String cluster, long requests) {
        Counter.builder("connectops.kafka.admin.requests").description("Kafka Admin requests").tag("cluster", cluster)
                .register(registry).increment(requests);
    }

    /** The operator's write of a resource (status, finalizer, annotation) was refused by the API server. */
    public void operatorWriteFailed(int code) {
        Counter.builder("connectops.operator.write.failures").description("Writes to Kubernetes resources the API server refused, by HTTP code")
                .tag("code", Integer.toString(code)).register(registry).increment();
    }

    public void leader(boolean isLeader) {
        leader.set(isLeader ? 1 : 0);
    }

    /** Turns every Connect REST exchange into a count and a latency per cluster. */
    public ConnectClient.CallObserver restObserver() {
        return (cluster, method, status, nanos) -> {
            String outcome = status < 0 ? "unreachable" : (status / 100) + "xx";
            Counter.builder("connectops.rest.calls").description("Connect REST calls").tags("cluster", cluster, "method", method,
                    "status", outcome).register(registry).increment();
            Timer.builder("connectops.rest.latency").description("Connect REST call latency").tag("cluster", cluster)
                    .register(registry).record(Duration.ofNanos(nanos));
        };
    }

    public String scrape() {
        return registry.scrape();
    }
}
