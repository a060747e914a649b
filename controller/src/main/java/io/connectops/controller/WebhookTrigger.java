package io.connectops.controller;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Turns webhooks ("the branch moved") into ticks on the controller's one thread: fetched now, unless fetching is failing
 * (its backoff holds) or a webhook fetch ran less than a second ago (then once that second is over: never dropped).
 * Webhooks that arrive while one is queued or deferred fold into it.
 */
final class WebhookTrigger {
    private final ScheduledExecutorService scheduler;
    private final FetchSchedule fetches;
    private final Clock clock;
    /** Runs a tick; its argument says whether this tick fetches for a webhook. */
    private final Consumer<Boolean> tick;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean deferred = new AtomicBoolean();

    WebhookTrigger(ScheduledExecutorService scheduler, FetchSchedule fetches, Clock clock, Consumer<Boolean> tick) {
        this.scheduler = scheduler;
        this.fetches = fetches;
        this.clock = clock;
        this.tick = tick;
    }

    void request() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        scheduler.execute(() -> {
            queued.set(false);
            Instant now = clock.instant();
            boolean allowed = fetches.webhookAllowed(now);
            if (!allowed && fetches.healthy() && deferred.compareAndSet(false, true)) {
                // Too soon after the last one: fetched once the interval is over (a second push within a second would
                // otherwise wait for the next poll).
                scheduler.schedule(() -> {
                    deferred.set(false);
                    request();
                }, fetches.untilWebhookAllowed(now).toMillis() + 1, TimeUnit.MILLISECONDS);
            }
            tick.accept(allowed);
        });
    }
}
