package io.connectops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.connectops.controller.ControllerOptions;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.KafkaLogging;
import io.connectops.operator.Operator;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The operator in a steady state of N {@code Connector} resources (fabric8's mock API server, the real embedded
 * Connect behind a counting proxy): REST calls per resync, status writes, heap. Run:
 * {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.connectops.bench.OperatorBenchmarks}
 */
public final class OperatorBenchmarks {
    private OperatorBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        KafkaLogging.quiet(false);
        java.util.logging.Logger.getLogger("io.fabric8").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path tmp = Files.createTempDirectory("connectops-operator-bench");
        // CRUD mode: the mock stores what is written and serves lists and watches from it, as an API server would.
        KubernetesMockServer server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(),
                new java.util.HashMap<>(), new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(ConnectorResource.class));
        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(ConnectClusterResource.class));
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1));
             FaultProxy proxy = new FaultProxy(stack.connectUrl());
             KubernetesClient client = server.createClient()) {
            System.out.println("# connectops operator benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores; fabric8 mock API server in CRUD mode; Kafka 4.3.1 + 1 Connect worker embedded)\n");
            ConnectClusterResource cluster = new ConnectClusterResource();
            cluster.setMetadata(new ObjectMetaBuilder().withName("local").withNamespace("bench").build());
            cluster.setSpec(new ConnectClusterResource.Spec());
            cluster.getSpec().url = proxy.url().toString();
            client.resource(cluster).create();
            for (int i = 0; i < count; i++) {
                ConnectorResource resource = new ConnectorResource();
                resource.setMetadata(new ObjectMetaBuilder().withName("bench-" + i).withNamespace("bench").build());
                resource.setSpec(new ConnectorResource.Spec());
                resource.getSpec().connectorClass = "io.connectops.devstack.noop.NoOpSourceConnector";
                resource.getSpec().tasksMax = 1;
                resource.getSpec().state = "stopped"; // no tasks: the worker is not what is measured
                client.resource(resource).create();
            }
            Duration resync = Duration.ofSeconds(2);
            ControllerOptions options = ControllerOptions.builder("kubernetes", tmp.resolve("cache")).interval(resync).resync(resync)
                    .shutdownTimeout(Duration.ofSeconds(10)).build();
            System.gc();
            long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            System.out.printf("heap used after GC before the operator starts (broker, worker, mock server with %d resources): %d MB%n",
                    count, baseline);
            long started = System.nanoTime();
            try (Operator operator = new Operator(client, List.of("bench"), options, onChange -> null, Duration.ofSeconds(1))) {
                operator.start();
                await(() -> client.resources(ConnectorResource.class).inNamespace("bench").list().getItems().stream()
                        .filter(r -> r.getStatus() != null && r.getStatus().conditions != null && r.getStatus().conditions.stream()
                                .anyMatch(c -> c.type.equals("Synced") && c.status.equals("True"))).count() == count, Duration.ofMinutes(10));
                System.out.printf("%d Connector resources created on the cluster and Synced in %.1f s%n%n", count,
                        (System.nanoTime() - started) / 1e9);
                System.out.println("| window | resyncs | REST calls | calls per resync | status writes | heap used after GC (MB) | of which the operator (MB) |");
                System.out.println("|---|---|---|---|---|---|---|");
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                for (int window = 1; window <= 3; window++) {
                    long writes = operator.statusWrites();
                    long passes = syncs(operator);
                    proxy.clearRequests();
                    await(() -> syncs(operator) >= passes + 5, Duration.ofMinutes(2));
                    long resyncs = syncs(operator) - passes;
                    int calls = proxy.requests().size();
                    System.gc();
                    long heap = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
                    System.out.printf("| %d | %d | %d | %.1f | %d | %d | %d |%n", window, resyncs, calls, (double) calls / resyncs,
                            operator.statusWrites() - writes, heap, heap - baseline);
                }

            }
        } finally {
            server.destroy();
        }
    }

    static long syncs(Operator operator) {
        return operator.controller().metrics().scrape().lines().filter(l -> l.startsWith("connectops_syncs_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }
}
