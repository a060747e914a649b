package io.connectops.model;

/**
 * What the controller does when a connector or task fails: restart it (with backoff, at most
 * {@code maxRetries} times; {@value #UNLIMITED} for no limit, Strimzi's default) or leave it.
 */
public record RestartPolicy(Type type, int maxRetries) {
    public static final int UNLIMITED = -1;
    public static final RestartPolicy DEFAULT = new RestartPolicy(Type.OnFailure, 10);
    public static final RestartPolicy NEVER = new RestartPolicy(Type.Never, 0);

    public enum Type { OnFailure, Never }

    public boolean unlimited() {
        return maxRetries == UNLIMITED;
    }
}
