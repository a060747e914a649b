package io.connectops.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Outcome;
import io.connectops.apply.Progress;
import io.connectops.concurrent.Pools;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.Endpoints;
import io.connectops.connect.RetryPolicy;
import io.connectops.gate.PlanGates;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.Targets;
import io.connectops.ownership.OwnershipStore;
import io.connectops.ownership.OwnershipStores;
import io.connectops.plan.Action;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;

/**
 * Runs the stages after loading for every target, whatever its API: read live (in bulk), plan, validate online,
 * apply. Targets run concurrently and independently: one that cannot be reached is reported in its
 * {@link TargetPlan#error()} and the others go on.
 */
public final class Engine implements AutoCloseable {
    private final List<TargetSession> sessions;
    private final PlanPolicies policies;

    /** Sessions made elsewhere (a controller keeps its clients between passes). */
    public Engine(List<? extends TargetSession> sessions) {
        this(sessions, PlanPolicies.NONE);
    }

    /** Sessions made elsewhere, their plans checked against {@code policies} (docs/policies.md). */
    public Engine(List<? extends TargetSession> sessions, PlanPolicies policies) {
        this.sessions = List.copyOf(sessions);
        this.policies = policies;
    }

    /** The real clients for every target; what they learn is secret is kept out of every text through {@code redactor}. */
    public Engine(Targets targets, RetryPolicy retry, Redactor redactor) {
        this(targets, retry, redactor, io.connectops.apply.PasswordStore.files(io.connectops.apply.PasswordStore.DEFAULT_DIR));
    }

    /** As above, generated user passwords kept in {@code passwords} (the CLI's --passwords-dir). */
    public Engine(Targets targets, RetryPolicy retry, Redactor redactor, io.connectops.apply.PasswordStore passwords) {
        this(sessions(targets, target -> new ConnectClient(Endpoints.from(target.cluster()), retry),
                target -> OwnershipStores.forCluster(target.cluster()), target -> KafkaSession.connect(target, redactor, passwords), redactor),
                PlanPolicies.of(targets));
    }

    /** For tests and embedding (a run of its own): how to reach each cluster and where its ownership record is. */
    public Engine(Targets targets, Function<Targets.ClusterTarget, ConnectApi> clients,
                  Function<Targets.ClusterTarget, OwnershipStore> ownership) {
        this(targets, clients, ownership, new Redactor());
    }

    private Engine(Targets targets, Function<Targets.ClusterTarget, ConnectApi> clients,
                   Function<Targets.ClusterTarget, OwnershipStore> ownership, Redactor redactor) {
        this(sessions(targets, clients, ownership, t -> KafkaSession.connect(t, redactor), redactor), PlanPolicies.of(targets));
    }

    /** For tests and embedding (a run of its own), with how to reach each Kafka cluster too. */
    public Engine(Targets targets, Function<Targets.ClusterTarget, ConnectApi> clients,
                  Function<Targets.ClusterTarget, OwnershipStore> ownership, Function<Targets.KafkaTarget, KafkaSession> kafka) {
        this(sessions(targets, clients, ownership, kafka, new Redactor()), PlanPolicies.of(targets));
    }

    private static List<TargetSession> sessions(Targets targets, Function<Targets.ClusterTarget, ConnectApi> clients,
                                                Function<Targets.ClusterTarget, OwnershipStore> ownership,
                                                Function<Targets.KafkaTarget, KafkaSession> kafka, Redactor redactor) {
        List<TargetSession> sessions = new ArrayList<>();
        targets.clusters().forEach(t -> sessions.add(new ClusterSession(t, clients.apply(t), ownership.apply(t), redactor)));
        targets.kafka().forEach(t -> sessions.add(kafka.apply(t)));
        return sessions;
    }

    /** Every target's session, in plan order. */
    public List<TargetSession> sessions() {
        return sessions;
    }

    /** The sessions of one target API. */
    public <T extends TargetSession> List<T> sessions(Class<T> type) {
        return sessions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Remote requests made so far, every target. */
    public long requests() {
        return sessions.stream().mapToLong(TargetSession::requests).sum();
    }

    /** REST calls made so far, all Connect clusters. */
    public long restCalls() {
        return sessions(ClusterSession.class).stream().mapToLong(ClusterSession::requests).sum();
    }

    /** Admin requests made so far, all Kafka clusters. */
    public long adminRequests() {
        return sessions(KafkaSession.class).stream().mapToLong(KafkaSession::requests).sum();
    }

    @Override
    public void close() {
        sessions.forEach(TargetSession::close);
    }

    /**
     * Computes the plan. With {@code onlineValidation}, every config to be written is checked by its target first; any
     * problem throws {@link InvalidInputException} and nothing is planned for writing.
     */
    public Plan plan(boolean prune, boolean onlineValidation, int parallelism) {
        return plan(prune, onlineValidation, parallelism, false);
    }

    /**
     * As {@link #plan(boolean, boolean, int)}; {@code force} lifts the built-in policy that refuses to delete a topic
     * holding records or read by a consumer group (docs/policies.md).
     */
    public Plan plan(boolean prune, boolean onlineValidation, int parallelism, boolean force) {
        TargetSession.PlanRequest request = new TargetSession.PlanRequest(prune, onlineValidation, parallelism);
        List<TargetSession.Planned> results = runAll(sessions.stream()
                .<Callable<TargetSession.Planned>>map(session -> () -> session.plan(request)).toList());
        List<Diagnostic> problems = new ArrayList<>();
        results.forEach(r -> problems.addAll(r.problems()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return policies.check(Plan.assemble(results.stream().map(TargetSession.Planned::plan).toList(), prune), force);
    }

    /**
     * Refuses a prune that would delete more than {@code maxDeletions} resources (default: 10% of the owned ones,
     * at least 1) on any target, unless forced.
     */
    public static void checkDeletionGuard(Plan plan, Integer maxDeletions, boolean force) {
        if (force) {
            return;
        }
        for (TargetPlan target : plan.targets()) {
            long deletions = target.count(Action.DELETE);
            int limit = maxDeletions != null ? maxDeletions : Math.max(1, (int) Math.floor(target.ownedCount() * 0.10));
            if (deletions > limit) {
                throw new IllegalStateException("refusing to delete " + deletions + " " + target.kind().plural() + " on "
                        + target.kind().phrase() + " '" + target.name() + "' (limit " + limit
                        + (maxDeletions == null ? ", 10% of the " + target.ownedCount() + " it owns" : "")
                        + "): check the files, then raise --max-deletions or add --force");
            }
        }
    }

    /** Applies the plan, all targets concurrently, each through its own write gate; the report holds every resource's outcome. */
    public ApplyReport apply(Plan plan, int parallelism, Progress progress) {
        int total = (int) (plan.count(Action.CREATE) + plan.count(Action.UPDATE) + plan.count(Action.DELETE));
        AtomicInteger done = new AtomicInteger();
        TargetSession.ApplyRequest request = new TargetSession.ApplyRequest(parallelism,
                outcome -> progress.connectorDone(done.incrementAndGet(), total, outcome));
        List<Callable<TargetApplied>> work = new ArrayList<>();
        for (TargetPlan target : plan.targets()) {
            TargetSession session = sessions.stream().filter(s -> s.key().equals(target.key())).findFirst().orElse(null);
            if (session == null) {
                continue;
            }
            work.add(() -> {
                if (target.error() != null) {
                    return new TargetApplied(List.of(), target.name() + ": " + target.error());
                }
                try {
                    return new TargetApplied(session.apply(target, PlanGates.of(target), request), null);
                } catch (RuntimeException e) {
                    return new TargetApplied(List.of(), target.name() + ": " + e.getMessage());
                }
            });
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (TargetApplied applied : runAll(work)) {
            outcomes.addAll(applied.outcomes());
            if (applied.error() != null) {
                errors.add(applied.error());
            }
        }
        return new ApplyReport(outcomes, errors);
    }

    private record TargetApplied(List<Outcome> outcomes, String error) {
    }

    /** Runs {@code work} for every session of one API at once and returns the results in order. */
    public <S extends TargetSession, T> List<T> forEach(Class<S> type, Function<S, T> work) {
        return runAll(sessions(type).stream().<Callable<T>>map(session -> () -> work.apply(session)).toList());
    }

    /** Runs every task at once (one thread each) and returns the results in order. */
    private static <T> List<T> runAll(List<Callable<T>> work) {
        if (work.size() <= 1) {
            List<T> results = new ArrayList<>();
            for (Callable<T> task : work) {
                try {
                    results.add(task.call()); // one target: no thread needed
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return results;
        }
        ExecutorService pool = Pools.bounded("target", work.size(), work.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            work.forEach(task -> futures.add(pool.submit(task)));
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
