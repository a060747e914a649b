package io.connectops.model;

/**
 * What the controller does when a connector or task fails: restart it (with backoff, at most
 * {@code maxRetries} times) or leave it.
 */
public record RestartPolicy(Type type, int maxRetries) {
    public static final RestartPolicy DEFAULT = new RestartPolicy(Type.OnFailure, 10);

    public enum Type { OnFailure, Never }
}
