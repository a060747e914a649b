package io.connectops.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.RetryPolicy;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.KafkaLogging;
import io.connectops.engine.Engine;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.ownership.OwnershipStore;
import io.connectops.plan.Plan;
import io.connectops.validate.OfflineValidator;
import io.connectops.model.Targets;

/**
 * The numbers in docs/performance.md, measured against a real embedded broker + Connect worker with
 * the no-op connector (so the workers are not the bottleneck). Prints Markdown tables.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am install -DskipTests && ./mvnw -q -pl bench exec:java}
 */
public final class Benchmarks {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        KafkaLogging.quiet(false);
        int idle = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int fresh = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path tmp = Files.createTempDirectory("connectops-bench");
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1));
             FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            OwnershipStore ownership = new MarkerOwnership(null);
            System.out.println("# connectops benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores, Kafka 4.3.1 embedded, 1 worker)\n");

            // 1. Setup: `idle` stopped connectors (no tasks), applied by connectops itself.
            String idleDocs = documents("idle-", idle, "stopped");
            long t0 = System.nanoTime();
            ApplyReport setup = engine(proxy.url(), ownership, idleDocs).apply(engine(proxy.url(), ownership, idleDocs).plan(false, false, 8),
                    8, Progress.NONE);
            System.out.printf("setup: applied %d stopped connectors in %.1f s (%d failures)%n%n", idle, seconds(t0), setup.failures().size());
            awaitCount(stack.connectUrl(), idle);

            // 2. No-op plan of `idle` connectors.
            System.out.println("## No-op plan of " + idle + " connectors\n");
            System.out.println("| run | plan time (ms) | REST calls |\n|---|---|---|");
            for (int run = 1; run <= 5; run++) {
                Engine engine = engine(proxy.url(), ownership, idleDocs);
                proxy.clearRequests();
                long start = System.nanoTime();
                Plan plan = engine.plan(false, false, 8);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (plan.hasChanges()) {
                    throw new IllegalStateException("expected a no-op plan: " + plan.summary());
                }
                System.out.printf("| %d | %d | %d |%n", run, ms, proxy.requests().size());
            }

            // 3. Applying `fresh` new running connectors vs a bare loop of the same PUT calls.
            System.out.println("\n## Creating " + fresh + " running connectors, parallelism 8\n");
            System.out.println("| what | time (s) | REST calls |\n|---|---|---|");
            for (int round = 1; round <= 2; round++) {
                String bare = "bare" + round + "-";
                proxy.clearRequests();
                long start = System.nanoTime();
                bareLoop(proxy.url(), bare, fresh, 8);
                System.out.printf("| bare loop of PUT /connectors/{n}/config (round %d) | %.2f | %d |%n", round, seconds(start), proxy.requests().size());

                String docs = idleDocs + documents("fresh" + round + "-", fresh, "running");
                Engine engine = engine(proxy.url(), ownership, docs);
                proxy.clearRequests();
                start = System.nanoTime();
                Plan plan = engine.plan(false, false, 8);
                ApplyReport report = engine.apply(plan, 8, Progress.NONE);
                System.out.printf("| connectops plan + apply, --skip-online-validation (round %d) | %.2f | %d |%n", round, seconds(start),
                        proxy.requests().size());
                if (!report.ok()) {
                    throw new IllegalStateException(report.failures().toString());
                }

                String validated = docs + documents("valid" + round + "-", fresh, "running");
                Engine engine2 = engine(proxy.url(), ownership, validated);
                proxy.clearRequests();
                start = System.nanoTime();
                ApplyReport report2 = engine2.apply(engine2.plan(false, true, 8), 8, Progress.NONE);
                System.out.printf("| connectops plan + online validation + apply (round %d) | %.2f | %d |%n", round, seconds(start),
                        proxy.requests().size());
                if (!report2.ok()) {
                    throw new IllegalStateException(report2.failures().toString());
                }
                cleanUp(proxy.url(), List.of(bare, "fresh" + round + "-", "valid" + round + "-"));
            }
        }
    }

    static Engine engine(URI url, OwnershipStore ownership, String docs) {
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("bench.yaml", docs))).declarations(),
                url.toString());
        return new Engine(targets, t -> new ConnectClient(ConnectEndpoint.of(t.name(), url), RetryPolicy.DEFAULT), t -> ownership);
    }

    static String documents(String prefix, int count, String state) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < count; i++) {
            yaml.append("---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: ").append(prefix).append(i)
                    .append("}\nspec: {class: ").append(NOOP).append(", tasksMax: 1, state: ").append(state)
                    .append(", config: {noop.label: bench}}\n");
        }
        return yaml.toString();
    }

    /** The Connect cluster's own limit: the same writes, same parallelism and retries, nothing else. */
    static void bareLoop(URI url, String prefix, int count, int parallelism) throws Exception {
        ConnectClient client = new ConnectClient(ConnectEndpoint.of("bare", url), RetryPolicy.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = prefix + i;
                futures.add(pool.submit(() -> client.putConfig(name, Map.of("connector.class", NOOP, "tasks.max", "1", "noop.label", "bench"))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static void cleanUp(URI url, List<String> prefixes) throws Exception {
        ConnectClient client = new ConnectClient(ConnectEndpoint.of("cleanup", url), RetryPolicy.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (String name : client.connectorNames()) {
            if (prefixes.stream().anyMatch(name::startsWith)) {
                futures.add(pool.submit(() -> client.delete(name)));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static void awaitCount(URI url, int atLeast) throws InterruptedException {
        ConnectClient client = new ConnectClient(ConnectEndpoint.of("wait", url), RetryPolicy.DEFAULT);
        while (client.connectorsExpanded().size() < atLeast) {
            Thread.sleep(200);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
