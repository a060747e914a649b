package io.connectops.operator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import io.connectops.controller.Orphans;

/**
 * Giving a resource up (deletionPolicy Orphan) for the status loop without holding it: the call runs on the target's own
 * worker (up to 30 s while a cluster does not answer), and the status loop only looks whether it is done, pass after
 * pass. One slow cluster never delays the statuses, finalizers and events of everything else.
 */
final class OrphanCalls implements StatusWriter.Disowner {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Orphans orphans;
    private final Map<String, CompletableFuture<String>> running = new ConcurrentHashMap<>();
    /** Waits for the targets' workers (never the common pool: a wait of 30 s would starve it). */
    private final java.util.concurrent.ExecutorService waiting = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "connectops-orphan");
        thread.setDaemon(true);
        return thread;
    });

    OrphanCalls(Orphans orphans) {
        this.orphans = orphans;
    }

    @Override
    public String connector(String cluster, String connector) {
        return result("connector " + cluster + "/" + connector, () -> orphans.disown(cluster, connector, TIMEOUT));
    }

    @Override
    public void connectorLater(String cluster, String connector) {
        orphans.disownLater(cluster, connector);
    }

    @Override
    public String kafka(String cluster, String resource) {
        return result("kafka " + cluster + "/" + resource, () -> orphans.disownKafka(cluster, resource, TIMEOUT));
    }

    @Override
    public void kafkaLater(String cluster, String resource) {
        orphans.disownKafkaLater(cluster, resource);
    }

    /** The call's result once it is done (then forgotten); an exception while it runs or when it failed (tried again). */
    private String result(String key, java.util.function.Supplier<String> call) {
        CompletableFuture<String> future = running.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(call, waiting));
        if (!future.isDone()) {
            throw new IllegalStateException("giving " + key + " up: still running");
        }
        running.remove(key, future);
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
