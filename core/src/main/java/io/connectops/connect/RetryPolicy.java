package io.connectops.connect;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter (a random pause between half and all of the capped delay), bounded both in attempts and in total time, so a 409 storm
 * delays a call but never hangs it.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration maxTotal) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), 12, Duration.ofSeconds(90));
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, Duration.ZERO, 1, Duration.ZERO);

    /** The pause before retry number {@code attempt} (1 = the first retry): random in [0, min(max, initial * 2^(attempt-1))]. */
    public Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }
}
