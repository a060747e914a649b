package io.connectops.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;
import io.connectops.engine.Engine;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.plan.Plan;
import io.connectops.render.Variable;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka resources on the embedded broker with SASL/SCRAM and ACLs: a no-op plan of N topics + N ACLs + N/10
 * users (time, and every request the broker received, counted by the broker itself), and creating 500
 * topics against one bare {@code createTopics} batch. Run:
 * {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.connectops.bench.KafkaBenchmarks}
 */
public final class KafkaBenchmarks {
    private KafkaBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        KafkaLogging.quiet(false);
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int fresh = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        try (DevStack stack = DevStack.start(DevStack.Options.scram(0))) {
            try (Admin admin = Admin.create(stack.clientConfig())) {
                System.out.println("# connectops Kafka benchmarks (" + Runtime.getRuntime().availableProcessors()
                        + " cores, Kafka 4.3.1 embedded, SASL/SCRAM-SHA-512 + StandardAuthorizer)\n");
                for (int size : new int[] {n / 10, n}) {
                    noOp(stack, size);
                }
                create(stack, admin, fresh);
            }
        }
    }

    /** N topics, N ACLs (10 per user) and N/10 users, applied once, then planned 5 times with nothing to do. */
    private static void noOp(DevStack stack, int size) {
        String docs = documents("n" + size + "-", size);
        long t0 = System.nanoTime();
        try (Engine engine = engine(stack, docs)) {
            ApplyReport report = engine.apply(engine.plan(false, false, 8), 8, Progress.NONE);
            if (!report.ok()) {
                throw new IllegalStateException(report.failures() + " " + report.clusterErrors());
            }
        }
        try (Engine engine = engine(stack, docs)) {
            Plan after = engine.plan(false, false, 8);
            if (after.hasChanges()) {
                throw new IllegalStateException("apply did not converge in one pass: " + after.summary());
            }
        }
        System.out.printf("## No-op plan of %d topics, %d ACLs, %d users (applied in %.1f s)%n%n", size, size, size / 10, seconds(t0));
        System.out.println("| run | plan time (ms) | Admin calls | broker requests (all clients) | by API |\n|---|---|---|---|---|");
        for (int run = 1; run <= 5; run++) {
            try (Engine engine = engine(stack, docs)) {
                Map<String, Long> before = brokerRequests();
                long start = System.nanoTime();
                Plan plan = engine.plan(false, false, 8);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (plan.hasChanges()) {
                    throw new IllegalStateException("expected a no-op plan: " + plan.summary());
                }
                Map<String, Long> delta = delta(before, brokerRequests());
                System.out.printf("| %d | %d | %d | %d | %s |%n", run, ms, engine.adminRequests(),
                        delta.values().stream().mapToLong(Long::longValue).sum(), delta);
            }
        }
        System.out.println();
    }

    /**
     * Rounds alternate which goes first (bare, ours, ours, bare, ...): the broker's time to create N more partitions
     * grows with the partitions it already has, so the one that goes second would otherwise always pay more.
     */
    private static void create(DevStack stack, Admin admin, int count) throws Exception {
        System.out.printf("## Creating %d topics (1 partition, 1 config key each)%n%n", count);
        System.out.println("| round | bare `createTopics` returns (s) | bare, until the brokers list them (s) | connectops plan + apply (s) | ratio |");
        System.out.println("|---|---|---|---|---|");
        double sum = 0;
        int rounds = 4;
        for (int round = 1; round <= rounds; round++) {
            double[] bare = null;
            double ours = 0;
            boolean bareFirst = round % 4 == 1 || round % 4 == 0;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == bareFirst) {
                    bare = bare(admin, "bare" + round + "-", count);
                    awaitLogs(admin, "bare" + round + "-", count);
                } else {
                    ours = ours(stack, "made" + round + "-", count);
                    awaitLogs(admin, "made" + round + "-", count);
                }
            }
            sum += ours / bare[1];
            System.out.printf("| %d (%s first) | %.2f | %.2f | %.2f | %.2f× |%n", round, bareFirst ? "bare" : "connectops", bare[0], bare[1], ours,
                    ours / bare[1]);
        }
        System.out.printf("%nmean ratio: %.2f×%n", sum / rounds);
    }

    /**
     * Not timed: waits until the broker has created the logs of the last batch. It does that after the topics
     * are listed, and a batch measured meanwhile would pay for the previous one's disk work.
     */
    private static void awaitLogs(Admin admin, String prefix, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long logs = admin.describeLogDirs(List.of(1)).allDescriptions().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(dirs -> dirs.values().stream()).flatMap(d -> d.replicaInfos().keySet().stream())
                    .filter(tp -> tp.topic().startsWith(prefix)).count();
            if (logs >= count) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("the broker did not create the logs of " + prefix + "* within 120 s");
    }

    private static double[] bare(Admin admin, String prefix, int count) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            topics.add(new NewTopic(prefix + i, 1, (short) 1).configs(Map.of("retention.ms", "3600000")));
        }
        long start = System.nanoTime();
        admin.createTopics(topics).all().get(120, TimeUnit.SECONDS);
        double returned = seconds(start);
        // Done means usable: the brokers list the topics (what connectops' apply also waits for).
        java.util.Set<String> names = new java.util.HashSet<>(topics.stream().map(NewTopic::name).toList());
        while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(names)) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return new double[] {returned, seconds(start)};
    }

    private static double ours(DevStack stack, String prefix, int count) {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < count; i++) {
            docs.append(topic(prefix + i));
        }
        long start = System.nanoTime();
        try (Engine engine = engine(stack, docs.toString())) {
            ApplyReport report = engine.apply(engine.plan(false, false, 8), 8, Progress.NONE);
            if (!report.ok()) {
                throw new IllegalStateException(report.failures().toString());
            }
        }
        return seconds(start);
    }

    static Engine engine(DevStack stack, String docs) {
        String password = stack.adminPassword();
        Variables variables = new Variables(Map.of("admin.password", new Variable("admin.password", password, true,
                new SourceLocation("bench", 0, 0))), Map.of());
        String cluster = "apiVersion: connectops.io/v1alpha1\nkind: KafkaCluster\nmetadata: {name: bench}\nspec:\n  bootstrapServers: "
                + stack.bootstrapServers() + "\n  sasl: {username: admin, password: '{{ admin.password }}'}\n---\n";
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("bench.yaml", cluster + docs)), variables)
                .declarations(), null, true, null, Map.of());
        return new Engine(targets, io.connectops.connect.RetryPolicy.DEFAULT, new io.connectops.secrets.Redactor());
    }

    static String topic(String name) {
        return "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {partitions: 1, config: {retention.ms: '3600000'}}\n---\n";
    }

    /** {@code size} topics; {@code size / 10} users, each with a given password and 10 ACLs (one per topic). */
    static String documents(String prefix, int size) {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < size; i++) {
            docs.append(topic(prefix + "t" + i));
        }
        for (int u = 0; u < size / 10; u++) {
            docs.append("apiVersion: connectops.io/v1alpha1\nkind: User\nmetadata: {name: ").append(prefix).append("u").append(u)
                    .append("}\nspec:\n  password: '{{ admin.password }}'\n  acls:\n");
            for (int a = 0; a < 10; a++) {
                docs.append("    - {resource: topic, name: ").append(prefix).append("t").append(u * 10 + a).append(", operations: [read]}\n");
            }
            docs.append("---\n");
        }
        return docs.toString();
    }

    /** Every request the broker has received so far, by API (its own RequestsPerSec meters, read over JMX). */
    static Map<String, Long> brokerRequests() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (javax.management.ObjectName name : server.queryNames(
                    new javax.management.ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                counts.merge(name.getKeyProperty("request"), ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
            }
        } catch (javax.management.JMException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((api, count) -> {
            long d = count - before.getOrDefault(api, 0L);
            if (d > 0) {
                delta.put(api, d);
            }
        });
        return delta;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
