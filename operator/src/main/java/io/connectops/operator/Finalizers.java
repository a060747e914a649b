package io.connectops.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.connectops.controller.ControllerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * connectops' finalizer on the resources whose deletion deletes (or gives up) what they declare: added to a new
 * resource, taken away once what it declared was pruned or given up, or after {@link #TIMEOUT} in any case.
 */
final class Finalizers {
    /** However a deletion goes, a resource is released after this long: a cluster gone never holds it forever. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final KubernetesSource source;
    private final Clock clock;
    /** The status writer's count of its writes (finalizer edits count too). */
    private final AtomicLong writes;

    Finalizers(KubernetesClient client, KubernetesSource source, Clock clock, AtomicLong writes) {
        this.client = client;
        this.source = source;
        this.clock = clock;
        this.writes = writes;
    }

    /**
     * Keeps the finalizer of a resource whose deletion deletes what it declares: adds it to a new resource; when the
     * resource is being deleted, first gives up what it declared (deletionPolicy Orphan) or waits for a pass that
     * applied a snapshot without it (what connectops owned of it pruned), then takes the finalizer away. A finalizer
     * is released after {@link #TIMEOUT} in any case: a cluster gone never holds a resource forever.
     *
     * @return true when nothing more is to be done with the resource now
     */
    boolean finalizing(HasMetadata resource, ControllerStatus status, java.util.function.Supplier<String> giveUp,
                               Runnable giveUpLater) {
        List<String> finalizers = resource.getMetadata().getFinalizers();
        boolean hasFinalizer = finalizers != null && finalizers.contains(KubernetesSource.FINALIZER);
        if (resource.getMetadata().getDeletionTimestamp() != null) {
            if (hasFinalizer && ResourceDocuments.orphan(resource) && !timedOut(resource)) {
                try {
                    giveUp.get(); // it stays, no longer connectops': then the resource may go
                } catch (RuntimeException e) {
                    return true; // tried again at the next pass, until the finalizer's time runs out
                }
            } else if (!(hasFinalizer && released(resource, status))) {
                return true;
            } else if (ResourceDocuments.orphan(resource) && giveUpLater != null) {
                try {
                    giveUpLater.run(); // released on time: the controller gives it up once the cluster answers, before any prune
                } catch (RuntimeException e) {
                    return true;
                }
            }
            if (hasFinalizer) {
                writes.incrementAndGet();
                client.resource(resource).edit(r -> {
                    r.getMetadata().getFinalizers().remove(KubernetesSource.FINALIZER);
                    return r;
                });
            }
            return true;
        }
        if (!hasFinalizer) {
            writes.incrementAndGet();
            client.resource(resource).edit(r -> {
                r.addFinalizer(KubernetesSource.FINALIZER);
                return r;
            });
            return true; // the edit brings the resource back through the informer
        }
        return false;
    }

    /** What it declared was pruned by a pass (the controller applied a snapshot without it), or it waited long enough. */
    private boolean released(HasMetadata resource, ControllerStatus status) {
        return source.excludedIn(status.lastAppliedRevision(), ResourceDocuments.key(resource)) || timedOut(resource);
    }

    private boolean timedOut(HasMetadata resource) {
        Instant since = Instant.parse(resource.getMetadata().getDeletionTimestamp());
        return Duration.between(since, clock.instant()).compareTo(TIMEOUT) > 0;
    }
}
