package io.connectops.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaFuture;

/** Waiting for Kafka's Admin answers: every wait within a deadline, a batch answered per item, failures in words. */
final class AdminFutures {
    static final Duration TIMEOUT = AdminKafka.TIMEOUT;

    private AdminFutures() {
    }

    /** The answer, within the deadline; {@code what} says what it was and where ("reading ACLs on kafka:9092"). */
    static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaAdminException(what + " failed: " + message(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException(what + " did not finish within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while " + what, e);
        }
    }

    static <T> T getOrNull(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits for every item (each within the deadline) and keeps the failures. */
    static <K> Map<K, String> failures(Map<K, ? extends KafkaFuture<?>> futures) {
        Map<K, String> failed = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (Map.Entry<K, ? extends KafkaFuture<?>> entry : futures.entrySet()) {
            try {
                entry.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failed.put(entry.getKey(), message(e.getCause()));
            } catch (TimeoutException e) {
                failed.put(entry.getKey(), "no answer within " + TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(entry.getKey(), "interrupted");
            }
        }
        return failed;
    }

    static String message(Throwable error) {
        String text = error.getMessage();
        return error.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }
}
