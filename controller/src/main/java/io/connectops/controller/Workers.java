package io.connectops.controller;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.connectops.apply.PasswordStore;
import io.connectops.engine.TargetSession;
import io.connectops.model.Targets;
import io.connectops.plan.KafkaPlanner;
import io.connectops.plan.TargetPlan;

/**
 * The controller's targets, each with its worker: one thread and one {@link Reconciler} per target, whatever its API.
 * The one place the controller learns which target APIs exist ({@link #jobs}).
 */
final class Workers {
    /** A target's reconciler and the thread it runs on; at most one pass waiting behind the running one. */
    static final class Worker<T> {
        final String name;
        final Reconciler<T> reconciler;
        final ExecutorService thread;
        final AtomicBoolean queued = new AtomicBoolean();
        volatile ControllerStatus.ClusterState state;
        /** The last revision a pass on this target completed without error. */
        volatile String appliedRevision;

        Worker(String label, Reconciler<T> reconciler) {
            this.name = label;
            this.reconciler = reconciler;
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "connectops-reconcile-" + label);
                t.setDaemon(true);
                return t;
            });
            state = new ControllerStatus.ClusterState(label, null, false, null);
        }

        void stop() {
            thread.execute(reconciler::close);
            thread.shutdown();
        }

        /**
         * Queues one pass on this target's thread, unless one is already waiting (it will see the same desired state); a
         * new revision always queues.
         *
         * @return the pass, or null when folded into the one waiting
         */
        CompletableFuture<Pass> queue(T target, String revision, boolean newRevision, boolean onlineValidation, TargetPlan validated,
                                      BooleanSupplier leading, Clock clock) {
            if (!newRevision && !queued.compareAndSet(false, true)) {
                return null;
            }
            queued.set(true);
            return CompletableFuture.supplyAsync(() -> {
                queued.set(false);
                if (!leading.getAsBoolean()) {
                    return Pass.failed(name, "not the leader");
                }
                // Decided when the pass runs, not when it was queued: a pass queued while this target was still
                // applying the revision must not treat drift made since as part of the new revision.
                boolean stillNew = newRevision && !revision.equals(appliedRevision);
                Pass pass;
                try {
                    pass = reconciler.reconcile(target, revision, stillNew, onlineValidation, validated);
                } catch (RuntimeException e) {
                    pass = Pass.failed(name, reconciler.redact(String.valueOf(e.getMessage())));
                }
                state = new ControllerStatus.ClusterState(state.name(), clock.instant(), pass.ok(), pass.error());
                if (pass.ok()) {
                    appliedRevision = revision;
                }
                return pass;
            }, thread);
        }

        /** Runs {@code work} on this target's thread (never beside one of its passes), within {@code timeout}. */
        String run(Supplier<String> work, Duration timeout) {
            try {
                return CompletableFuture.supplyAsync(work, thread).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(reconciler.redact(String.valueOf(e.getCause().getMessage())), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("'" + name + "' did not answer within " + timeout.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * One declared target and the plug-in of its API.
     *
     * @param plugin makes the target's plug-in when its worker is first needed
     */
    record Job<T>(String label, T target, Supplier<TargetPlugin<T>> plugin) {
    }

    private final Map<String, Worker<?>> byLabel = new ConcurrentHashMap<>();
    private final Reconciler.Context context;
    private final TargetClients clients;
    private final RestartTokens tokens;
    private final PasswordStore passwords;
    private final Clock clock;

    Workers(Reconciler.Context context, TargetClients clients, RestartTokens tokens, PasswordStore passwords, Clock clock) {
        this.context = context;
        this.clients = clients;
        this.tokens = tokens;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Every declared target with the plug-in of its API: a new target API adds one line here. */
    List<Job<?>> jobs(Targets targets) {
        List<Job<?>> jobs = new ArrayList<>();
        targets.clusters().forEach(t -> jobs.add(new Job<>(t.name(), t, () -> new ConnectPlugin(t.name(), context, clients, tokens, clock))));
        targets.kafka().forEach(t -> jobs.add(new Job<>(KafkaPlugin.label(t.name()), t,
                () -> new KafkaPlugin(t.name(), clients, passwords, context.redactor()))));
        return jobs;
    }

    /** The label of the worker a target plan belongs to. */
    static String labelOf(TargetPlan plan) {
        return plan.kind().equals(KafkaPlanner.TARGET) ? KafkaPlugin.label(plan.name()) : plan.name();
    }

    @SuppressWarnings("unchecked")
    <T> Worker<T> worker(Job<T> job) {
        return (Worker<T>) byLabel.computeIfAbsent(job.label(), label -> new Worker<>(label, new Reconciler<>(label, job.plugin().get(), context)));
    }

    /** The session a target's worker keeps: the validation's read is its first pass's. */
    <T> TargetSession session(Job<T> job) {
        return worker(job).reconciler.plugin().session(job.target());
    }

    /** Stops the workers of targets no longer declared (their resources stay: nothing says how to reach them). */
    void retain(Targets targets) {
        Set<String> declared = new HashSet<>();
        jobs(targets).forEach(job -> declared.add(job.label()));
        byLabel.keySet().stream().filter(label -> !declared.contains(label)).toList().forEach(label -> byLabel.remove(label).stop());
    }

    List<Worker<?>> all() {
        return new ArrayList<>(byLabel.values());
    }

    /** Every declared resource's status, by target then name. */
    List<ResourceStatus> statuses() {
        List<ResourceStatus> resources = new ArrayList<>();
        byLabel.values().forEach(w -> resources.addAll(w.reconciler.statuses()));
        resources.sort(java.util.Comparator.comparing(ResourceStatus::cluster).thenComparing(ResourceStatus::connector));
        return resources;
    }

    /** How each target's last pass went, by name. */
    List<ControllerStatus.ClusterState> states() {
        return byLabel.values().stream().map(w -> w.state).sorted(java.util.Comparator.comparing(ControllerStatus.ClusterState::name))
                .toList();
    }

    /** Lets the passes in flight finish within {@code timeout}, then closes every reconciler. */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Worker<?>> all = all();
        all.forEach(worker -> worker.thread.shutdown());
        for (Worker<?> worker : all) {
            try {
                if (!worker.thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    worker.thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.reconciler.close();
        }
    }

    Optional<Worker<?>> byLabel(String label) {
        return Optional.ofNullable(byLabel.get(label));
    }

    /** Gives {@code resource} up on the target {@code label} of {@code targets}, on that target's thread. */
    String disown(Targets targets, String label, String resource, Duration timeout) {
        Job<?> job = jobs(targets).stream().filter(j -> j.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no target '" + label + "' is declared"));
        return disown(job, resource, timeout);
    }

    private <T> String disown(Job<T> job, String resource, Duration timeout) {
        Worker<T> worker = worker(job);
        return worker.run(() -> worker.reconciler.disown(job.target(), resource), timeout);
    }
}
