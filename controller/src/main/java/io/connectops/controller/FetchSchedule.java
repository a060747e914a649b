package io.connectops.controller;

import java.time.Duration;
import java.time.Instant;

/**
 * When the controller fetches next: every interval while fetching works, backing off (doubling up to 5 minutes) while
 * it fails; and the last fetch and its error for {@code /status}. Touched by the scheduler thread only; read by any.
 */
final class FetchSchedule {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** Webhook-triggered fetches are at most this often: a flood (or replays) cannot make the controller fetch in a loop. */
    static final Duration WEBHOOK_MIN_INTERVAL = Duration.ofSeconds(1);

    private final Duration interval;
    private volatile Instant lastWebhookFetch = Instant.MIN;
    private volatile Instant lastFetch;
    private volatile String error;
    private volatile Instant next = Instant.MIN;
    private volatile int failures;

    FetchSchedule(Duration interval) {
        this.interval = interval;
    }

    boolean due(Instant now) {
        return !now.isBefore(next);
    }

    /** No failure since the last fetch that worked: a webhook may fetch at once. */
    boolean healthy() {
        return failures == 0;
    }

    /**
     * A webhook asks for a fetch now: allowed (and recorded) unless fetching is failing (its backoff holds) or a webhook
     * fetch ran less than {@link #WEBHOOK_MIN_INTERVAL} ago.
     */
    boolean webhookAllowed(Instant now) {
        boolean allowed = healthy() && !now.isBefore(lastWebhookFetch.plus(WEBHOOK_MIN_INTERVAL));
        if (allowed) {
            lastWebhookFetch = now;
        }
        return allowed;
    }

    /** How long until a webhook may fetch again. */
    Duration untilWebhookAllowed(Instant now) {
        Duration left = Duration.between(now, lastWebhookFetch.plus(WEBHOOK_MIN_INTERVAL));
        return left.isNegative() ? Duration.ZERO : left;
    }

    void succeeded(Instant at) {
        lastFetch = at;
        error = null;
        failures = 0;
        next = at.plus(interval);
    }

    /**
     * A fetch failed: the next one waits longer.
     *
     * @return how long, when the failure is new (worth an event), else null
     */
    Duration failed(Instant at, String why) {
        failures++;
        Duration backoff = interval.multipliedBy(1L << Math.min(failures, 10));
        backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
        next = at.plus(backoff);
        boolean fresh = !why.equals(error);
        error = why;
        return fresh ? backoff : null;
    }

    Instant lastFetch() {
        return lastFetch;
    }

    String error() {
        return error;
    }
}
