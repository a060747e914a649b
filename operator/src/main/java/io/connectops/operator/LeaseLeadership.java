package io.connectops.operator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.connectops.controller.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * Leader election with a Kubernetes {@code Lease} (coordination.k8s.io/v1), fabric8's elector underneath. This
 * instance leads from when it acquires the lease until it fails to renew it within the renew deadline, which
 * is shorter than the lease: a leader cut off from the API server stops writing before another can take over.
 */
public final class LeaseLeadership implements Leadership {
    private final String namespace;
    private final String name;
    private final String identity;
    private final LeaderElector elector;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile String leader;
    private volatile CompletableFuture<?> running;
    /** Run once when leadership this instance held is lost (renewals refused past the renew deadline). */
    private volatile Runnable lost = () -> { };
    private final AtomicBoolean led = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * @param onChange runs when this instance starts or stops leading (the controller then reconciles at once)
     */
    public LeaseLeadership(KubernetesClient client, String namespace, String name, String identity, Duration leaseDuration,
                           Duration renewDeadline, Duration retryPeriod, Runnable onChange) {
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> {
            leading.set(true);
            led.set(true);
            onChange.run();
        }, () -> {
            leading.set(false);
            onChange.run();
            if (led.get() && !closing.get()) {
                lost.run(); // fabric8's elector does not start again once it stopped leading
            }
        }, newLeader -> leader = newLeader);
        this.elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("connectops-operator").withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(leaseDuration).withRenewDeadline(renewDeadline).withRetryPeriod(retryPeriod)
                .withReleaseOnCancel(true).withLeaderCallbacks(callbacks).build()).build();
    }

    /**
     * What to do when leadership this instance held is lost other than by {@link #close()}: the operator exits, so that
     * Kubernetes restarts it as a candidate (as Java Operator SDK and Strimzi do); {@code /healthz} fails meanwhile.
     */
    public LeaseLeadership whenLost(Runnable action) {
        this.lost = action;
        return this;
    }

    public void start() {
        running = elector.start();
    }

    @Override
    public boolean isLeader() {
        return leading.get();
    }

    @Override
    public boolean alive() {
        CompletableFuture<?> future = running;
        return future != null && !future.isDone();
    }

    @Override
    public String describe() {
        return "Lease " + namespace + "/" + name + " (this is " + identity + "; leader " + (leader == null ? "unknown" : leader) + ")";
    }

    @Override
    public void close() {
        closing.set(true);
        CompletableFuture<?> future = running;
        if (future != null) {
            future.cancel(true); // releases the lease (releaseOnCancel): a standby takes over without waiting it out
        }
        leading.set(false);
    }
}
