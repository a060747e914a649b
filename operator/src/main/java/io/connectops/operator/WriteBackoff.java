package io.connectops.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.connectops.controller.ControllerMetrics;
import io.connectops.controller.Events;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a write to one resource (its status, finalizer, annotation) is refused, that resource is tried again later and
 * later (1 s doubling to 5 min, with jitter), and the refusal is said: a log line, a {@code WriteFailed} event and a
 * metric, at the first failure and then at every doubling, not at every pass. A conflict or a resource gone meanwhile is
 * no failure: the next pass sees the new one. A permanent 403 on 1,000 resources is then a few requests a minute, not
 * 1,000 a second, and one broken resource never holds the others back.
 */
final class WriteBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBackoff.class);
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(5);

    private record Failing(int attempts, Instant next) {
    }

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Events events;
    private final ControllerMetrics metrics;

    WriteBackoff(Clock clock, Events events, ControllerMetrics metrics) {
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
    }

    /** Whether {@code key} may be written now (it is not waiting out a refusal). */
    boolean due(String key) {
        Failing f = failing.get(key);
        return f == null || !clock.instant().isBefore(f.next());
    }

    void succeeded(String key) {
        Failing f = failing.remove(key);
        if (f != null) {
            LOG.info("writing {} works again after {} refusal(s)", key, f.attempts());
        }
    }

    void failed(String key, KubernetesClientException e) {
        if (e.getCode() == 409 || e.getCode() == 404) {
            return;
        }
        Failing f = failing.compute(key, (k, old) -> {
            int attempts = old == null ? 1 : old.attempts() + 1;
            long cap = Math.min(MAX.toMillis(), FIRST.toMillis() << Math.min(attempts - 1, 20));
            long wait = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
            return new Failing(attempts, clock.instant().plusMillis(wait));
        });
        metrics.operatorWriteFailed(e.getCode());
        if (Integer.bitCount(f.attempts()) == 1) {
            String message = "writing " + key + " was refused (" + e.getCode() + (e.getStatus() == null ? "" : " " + e.getStatus().getReason())
                    + ": " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()) + "), " + f.attempts() + " time(s): tried again after "
                    + Duration.between(clock.instant(), f.next()).toSeconds() + " s";
            LOG.warn("{}", message);
            events.record(null, key, "WriteFailed", message);
        }
    }

    /** How many times in a row writing {@code key} was refused (0: it is not failing). */
    int failures(String key) {
        Failing f = failing.get(key);
        return f == null ? 0 : f.attempts();
    }
}
