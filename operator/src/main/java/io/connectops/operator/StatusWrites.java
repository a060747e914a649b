package io.connectops.operator;

import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The one way a custom resource's status is written: only when it differs from the informer's copy (a steady state
 * writes nothing), as a replace of the whole status through the status subresource at the version the informer saw.
 * A conflict (the resource moved meanwhile) fails the write and the next pass computes it again from the newer copy;
 * a JSON patch computed from a stale copy could instead add to lists twice.
 */
final class StatusWrites {
    private final KubernetesClient client;
    private final AtomicLong writes;

    StatusWrites(KubernetesClient client, AtomicLong writes) {
        this.client = client;
        this.writes = writes;
    }

    /** Writes {@code next} as {@code resource}'s status unless it is that already; a refusal throws. */
    @SuppressWarnings("unchecked")
    void replace(CustomResource<?, ?> resource, Object next) {
        if (json(next).equals(json(resource.getStatus()))) {
            return;
        }
        writes.incrementAndGet();
        // A copy: the informer's cached object stays as the server sent it.
        var copy = (CustomResource<Object, Object>) io.fabric8.kubernetes.client.utils.Serialization.clone(resource);
        copy.setStatus(next);
        client.resource(copy).updateStatus();
    }

    static String json(Object value) {
        return value == null ? "null" : io.fabric8.kubernetes.client.utils.Serialization.asJson(value);
    }
}
