package io.connectops.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.connectops.apply.Applier;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.PlanGates;
import io.connectops.apply.ApplyReport;
import io.connectops.apply.Outcome;
import io.connectops.apply.Progress;
import io.connectops.concurrent.Pools;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.Endpoints;
import io.connectops.connect.LiveState;
import io.connectops.connect.RetryPolicy;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.ConnectorSpec;
import io.connectops.ownership.Ownership;
import io.connectops.ownership.OwnershipStore;
import io.connectops.ownership.OwnershipStores;
import io.connectops.plan.Action;
import io.connectops.plan.ClusterPlan;
import io.connectops.plan.ConnectorChange;
import io.connectops.plan.Plan;
import io.connectops.plan.Planner;
import io.connectops.plan.KafkaPlan;
import io.connectops.plan.KafkaPlanner;
import io.connectops.apply.KafkaApplier;
import io.connectops.kafka.KafkaLive;
import io.connectops.kafka.KafkaObserver;
import io.connectops.plan.Sensitivity;
import io.connectops.secrets.Redactor;
import io.connectops.validate.OnlineValidator;
import io.connectops.model.Targets;

/**
 * Runs the stages after loading for every cluster: read live (in bulk), plan, validate online,
 * apply. Clusters run concurrently and independently: one that cannot be reached is reported in
 * its {@link ClusterPlan#error()} and the others go on.
 */
public final class Engine implements AutoCloseable {
    private final Map<String, ClusterSession> sessions = new LinkedHashMap<>();
    private final Map<String, KafkaSession> kafkaSessions = new LinkedHashMap<>();
    /** The live state each cluster's last plan was computed against (the controller reuses it for health). */
    private final Map<String, LiveState> observed = new java.util.concurrent.ConcurrentHashMap<>();

    public Engine(Targets targets, RetryPolicy retry) {
        this(targets, target -> new ConnectClient(Endpoints.from(target.cluster()), retry),
                target -> OwnershipStores.forCluster(target.cluster()));
    }

    /** For tests and embedding: how to reach each cluster and where its ownership record is. */
    public Engine(Targets targets, Function<Targets.ClusterTarget, ConnectApi> clients,
                  Function<Targets.ClusterTarget, OwnershipStore> ownership) {
        this(targets, clients, ownership, KafkaSession::connect);
    }

    /** For tests and embedding, with how to reach each Kafka cluster too. */
    public Engine(Targets targets, Function<Targets.ClusterTarget, ConnectApi> clients,
                  Function<Targets.ClusterTarget, OwnershipStore> ownership, Function<Targets.KafkaTarget, KafkaSession> kafka) {
        for (Targets.ClusterTarget target : targets.clusters()) {
            sessions.put(target.name(), new ClusterSession(target, clients.apply(target), ownership.apply(target)));
        }
        for (Targets.KafkaTarget target : targets.kafka()) {
            kafkaSessions.put(target.name(), kafka.apply(target));
            registerSecrets(target);
        }
    }

    public List<KafkaSession> kafkaSessions() {
        return List.copyOf(kafkaSessions.values());
    }

    /** Admin requests made so far, all Kafka clusters. */
    public long adminRequests() {
        return kafkaSessions.values().stream().mapToLong(s -> s.admin().requests()).sum();
    }

    @Override
    public void close() {
        kafkaSessions.values().forEach(KafkaSession::close);
    }

    public List<ClusterSession> sessions() {
        return List.copyOf(sessions.values());
    }

    public ClusterSession session(String cluster) {
        return sessions.get(cluster);
    }

    /** The live state the last {@link #plan} read from {@code cluster}, or null. */
    public LiveState observed(String cluster) {
        return observed.get(cluster);
    }

    /** REST calls made so far, all clusters. */
    public long restCalls() {
        return sessions.values().stream().mapToLong(s -> s.client().calls()).sum();
    }

    /**
     * Computes the plan. With {@code onlineValidation}, every config to be written is checked by its
     * plugin first; any problem throws {@link InvalidInputException} and nothing is planned for writing.
     */
    public Plan plan(boolean prune, boolean onlineValidation, int parallelism) {
        List<java.util.concurrent.Callable<Object>> work = new ArrayList<>();
        sessions.values().forEach(session -> work.add(() -> planCluster(session, prune, onlineValidation, parallelism)));
        kafkaSessions.values().forEach(session -> work.add(() -> planKafka(session, prune)));
        List<Object> results = runAll(work);
        List<Diagnostic> problems = new ArrayList<>();
        List<ClusterPlan> clusters = new ArrayList<>();
        List<KafkaPlan> kafka = new ArrayList<>();
        for (Object result : results) {
            if (result instanceof ClusterWork cluster) {
                problems.addAll(cluster.problems());
                clusters.add(cluster.plan());
            } else if (result instanceof KafkaPlanner.Result kafkaResult) {
                problems.addAll(kafkaResult.refused());
                kafka.add(kafkaResult.plan());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return Planner.assemble(clusters, kafka, prune);
    }

    private KafkaPlanner.Result planKafka(KafkaSession session, boolean prune) {
        // Where a generated password would go must be writable by this front end, before anything is written.
        List<Diagnostic> unkeepable = session.target().users().stream()
                .filter(u -> u.password() == null && u.passwordFile() != null && !session.passwords().keeps(u.passwordFile()))
                .map(u -> new Diagnostic(u.source(), "user '" + u.name() + "': its generated password would be kept in "
                        + u.passwordFile() + ", a Kubernetes Secret, which only 'connectops operator' writes: give a file path in "
                        + "'spec.passwordFile'")).toList();
        if (!unkeepable.isEmpty()) {
            return new KafkaPlanner.Result(KafkaPlan.unreachable(session.name(), session.target().cluster().bootstrapServers(),
                    "not planned: a generated password cannot be kept"), unkeepable);
        }
        KafkaLive live;
        try {
            live = KafkaObserver.read(session.target(), session.admin(), session.claims());
        } catch (RuntimeException e) {
            return new KafkaPlanner.Result(KafkaPlan.unreachable(session.name(), session.target().cluster().bootstrapServers(),
                    e.getMessage()), List.of());
        }
        return KafkaPlanner.plan(session.target(), live, prune);
    }

    /** Client properties that carry credentials, and given user passwords, are kept out of every text. */
    private static void registerSecrets(Targets.KafkaTarget target) {
        target.cluster().properties().forEach((key, value) -> {
            if (Sensitivity.byName().isSensitive(key) || key.contains("jaas")) {
                Redactor.register(value);
                // The password inside a JAAS line is the secret part: mask it alone too (the line is long and varies).
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("password=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(value);
                while (m.find()) {
                    Redactor.register(m.group(1));
                }
            }
        });
        target.users().forEach(user -> {
            if (user.password() != null) {
                Redactor.register(user.password());
            }
        });
    }

    private record ClusterWork(ClusterPlan plan, List<Diagnostic> problems) {
    }

    private ClusterWork planCluster(ClusterSession session, boolean prune, boolean onlineValidation, int parallelism) {
        Targets.ClusterTarget target = session.target();
        LiveState live;
        try {
            live = session.client().readAll();
            observed.put(target.name(), live);
        } catch (RuntimeException e) {
            return new ClusterWork(ClusterPlan.unreachable(target.name(), target.cluster().urls(), e.getMessage()), List.of());
        }
        // Never throws: what cannot be established is "unknown", which the planner never deletes.
        Ownership owned = session.ownership().read(live, session.client());
        ClusterPlan plan = Planner.plan(target, live, owned, prune, Sensitivity.byName());
        if (!onlineValidation) {
            registerSecrets(target, Sensitivity.byName());
            return new ClusterWork(plan, List.of());
        }
        Map<String, ConnectorChange> byName = new LinkedHashMap<>();
        plan.changes().forEach(c -> byName.put(c.connector(), c));
        List<ConnectorSpec> toValidate = target.connectors().stream()
                .filter(spec -> {
                    ConnectorChange change = byName.get(spec.name());
                    return change != null && (change.action() == Action.CREATE || (change.action() == Action.UPDATE && change.configChanged()));
                }).toList();
        OnlineValidator.Result validation;
        try {
            validation = OnlineValidator.validate(toValidate, session.client(), parallelism);
        } catch (RuntimeException e) {
            return new ClusterWork(ClusterPlan.unreachable(target.name(), target.cluster().urls(), e.getMessage()), List.of());
        }
        Sensitivity sensitivity = new Sensitivity(validation.passwordKeys());
        registerSecrets(target, sensitivity);
        if (!validation.passwordKeys().isEmpty()) {
            plan = Planner.plan(target, live, owned, prune, sensitivity);
        }
        return new ClusterWork(plan, validation.problems());
    }

    /** Every value that is masked in plans is also kept out of any other text (Connect quotes values in errors). */
    private static void registerSecrets(Targets.ClusterTarget target, Sensitivity clusterSensitivity) {
        for (ConnectorSpec spec : target.connectors()) {
            Sensitivity sensitivity = clusterSensitivity.forConnector(spec);
            spec.connectConfig().forEach((key, value) -> {
                if (sensitivity.isSensitive(key)) {
                    Redactor.register(value);
                }
            });
        }
    }

    /**
     * Refuses a prune that would delete more than {@code maxDeletions} connectors (default: 10% of
     * the owned ones, at least 1) on any cluster, unless forced.
     */
    public static void checkDeletionGuard(Plan plan, Integer maxDeletions, boolean force) {
        if (force) {
            return;
        }
        for (KafkaPlan kafka : plan.kafka()) {
            long deletions = kafka.count(Action.DELETE);
            int limit = maxDeletions != null ? maxDeletions : Math.max(1, (int) Math.floor(kafka.ownedCount() * 0.10));
            if (deletions > limit) {
                throw new IllegalStateException("refusing to delete " + deletions + " resources on Kafka cluster '" + kafka.cluster()
                        + "' (limit " + limit + (maxDeletions == null ? ", 10% of the " + kafka.ownedCount() + " it owns" : "")
                        + "): check the files, then raise --max-deletions or add --force");
            }
        }
        for (ClusterPlan cluster : plan.clusters()) {
            long deletions = cluster.count(Action.DELETE);
            int limit = maxDeletions != null ? maxDeletions : Math.max(1, (int) Math.floor(cluster.ownedCount() * 0.10));
            if (deletions > limit) {
                throw new IllegalStateException("refusing to delete " + deletions + " connectors on cluster '" + cluster.cluster()
                        + "' (limit " + limit + (maxDeletions == null ? ", 10% of the " + cluster.ownedCount() + " it owns" : "")
                        + "): check the files, then raise --max-deletions or add --force");
            }
        }
    }

    /** Applies the plan, all clusters concurrently; the report holds every connector's outcome. */
    public ApplyReport apply(Plan plan, int parallelism, Progress progress) {
        int total = (int) (plan.count(Action.CREATE) + plan.count(Action.UPDATE) + plan.count(Action.DELETE));
        AtomicInteger done = new AtomicInteger();
        List<String> clusterErrors = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, ClusterPlan> byCluster = new LinkedHashMap<>();
        plan.clusters().forEach(c -> byCluster.put(c.cluster(), c));
        List<List<Outcome>> perCluster = forEachCluster(session -> {
            ClusterPlan clusterPlan = byCluster.get(session.name());
            if (clusterPlan == null) {
                return List.of();
            }
            if (clusterPlan.error() != null) {
                synchronized (clusterErrors) {
                    clusterErrors.add(session.name() + ": " + clusterPlan.error());
                }
                return List.of();
            }
            try {
                // Every write goes through the pass's gate: what is not provably ours is refused, whatever the plan says.
                ConnectApi gated = new GatedConnectApi(session.client(), session.name(), PlanGates.of(clusterPlan));
                return Applier.apply(clusterPlan, gated, session.ownership(), parallelism, done, total, progress);
            } catch (RuntimeException e) {
                synchronized (clusterErrors) {
                    clusterErrors.add(session.name() + ": " + e.getMessage());
                }
                return List.of();
            }
        });
        perCluster.forEach(outcomes::addAll);
        for (KafkaPlan kafkaPlan : plan.kafka()) {
            KafkaSession session = kafkaSessions.get(kafkaPlan.cluster());
            if (session == null) {
                continue;
            }
            if (kafkaPlan.error() != null) {
                clusterErrors.add(kafkaPlan.cluster() + ": " + kafkaPlan.error());
                continue;
            }
            try {
                outcomes.addAll(KafkaApplier.apply(kafkaPlan, PlanGates.of(kafkaPlan), session.admin(), session.claims(), session.passwords(),
                        outcome -> progress.connectorDone(done.incrementAndGet(), total, outcome)));
            } catch (RuntimeException e) {
                clusterErrors.add(kafkaPlan.cluster() + ": " + e.getMessage());
            }
        }
        return new ApplyReport(outcomes, clusterErrors);
    }

    /** Runs every task at once (one thread each) and returns the results in order. */
    private static <T> List<T> runAll(List<java.util.concurrent.Callable<T>> work) {
        if (work.size() <= 1) {
            List<T> results = new ArrayList<>();
            for (java.util.concurrent.Callable<T> task : work) {
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
        ExecutorService pool = Pools.bounded("cluster", work.size(), work.size());
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
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code work} for every cluster at once and returns the results in cluster order. */
    public <T> List<T> forEachCluster(Function<ClusterSession, T> work) {
        List<java.util.concurrent.Callable<T>> tasks = new ArrayList<>();
        sessions.values().forEach(session -> tasks.add(() -> work.apply(session)));
        return runAll(tasks);
    }
}
