package io.connectops.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** Whether the informers still watch: one without its watch for longer than a grace (a reconnect needs less) is a failure. */
final class InformerHealth {
    /** When an informer was first seen without its watch (a list or watch the API server keeps refusing, a stopped one). */
    private final Map<SharedIndexInformer<? extends HasMetadata>, Instant> notWatchingSince = new ConcurrentHashMap<>();

    boolean live(List<SharedIndexInformer<? extends HasMetadata>> informers, Duration grace) {
        Instant now = Instant.now();
        boolean live = true;
        for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
            if (informer.isWatching()) {
                notWatchingSince.remove(informer);
                continue;
            }
            Instant since = notWatchingSince.computeIfAbsent(informer, i -> now);
            live &= Duration.between(since, now).compareTo(grace) < 0;
        }
        return live;
    }
}
