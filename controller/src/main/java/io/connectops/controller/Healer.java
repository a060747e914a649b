package io.connectops.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.model.RestartPolicy;

/**
 * Restart bookkeeping for failed connectors: exponential backoff between restarts (base, doubling, up
 * to a cap), a count that resets after a healthy period, and giving up after {@code maxRetries}.
 * Decides; the reconciler does the REST call. Pure apart from its memory, so it is tested with a clock.
 */
public final class Healer {
    public record Settings(Duration backoff, Duration maxBackoff, Duration resetAfter) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(10));
    }

    /** What to do about one connector now. */
    public enum Decision { NOTHING, RESTART, WAIT, GIVE_UP, GAVE_UP, RESET }

    private static final class Memory {
        int restarts;
        Instant nextAllowed = Instant.MIN;
        Instant healthySince;
        boolean gaveUp;
    }

    private final Settings settings;
    private final Map<String, Memory> memory = new ConcurrentHashMap<>();

    public Healer(Settings settings) {
        this.settings = settings;
    }

    /** Called for a connector with a FAILED connector or task. */
    public Decision onFailed(String key, RestartPolicy policy, Instant now) {
        Memory m = memory.computeIfAbsent(key, k -> new Memory());
        m.healthySince = null;
        if (policy.type() == RestartPolicy.Type.Never) {
            return Decision.NOTHING;
        }
        if (!policy.unlimited() && m.restarts >= policy.maxRetries()) {
            if (m.gaveUp) {
                return Decision.GAVE_UP;
            }
            m.gaveUp = true;
            return Decision.GIVE_UP;
        }
        if (now.isBefore(m.nextAllowed)) {
            return Decision.WAIT;
        }
        m.restarts++;
        m.nextAllowed = now.plus(backoff(m.restarts));
        return Decision.RESTART;
    }

    /** Called for a connector that runs with all its tasks. */
    public Decision onHealthy(String key, Instant now) {
        Memory m = memory.get(key);
        if (m == null || m.restarts == 0) {
            return Decision.NOTHING;
        }
        if (m.healthySince == null) {
            m.healthySince = now;
        }
        if (Duration.between(m.healthySince, now).compareTo(settings.resetAfter()) >= 0) {
            memory.remove(key);
            return Decision.RESET;
        }
        return Decision.NOTHING;
    }

    /** When the next restart of {@code key} may happen, or null when none is pending. */
    public Instant nextAllowed(String key) {
        Memory m = memory.get(key);
        return m == null || m.gaveUp || m.restarts == 0 ? null : m.nextAllowed;
    }

    public int restarts(String key) {
        Memory m = memory.get(key);
        return m == null ? 0 : m.restarts;
    }

    public boolean gaveUp(String key) {
        Memory m = memory.get(key);
        return m != null && m.gaveUp;
    }

    /** A declaration that changed or vanished starts over. */
    public void forget(String key) {
        memory.remove(key);
    }

    /** The pause after the n-th restart: base, 2 base, 4 base, ... at most the cap. */
    Duration backoff(int restarts) {
        Duration pause = settings.backoff();
        for (int i = 1; i < restarts && pause.compareTo(settings.maxBackoff()) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : pause;
    }
}
