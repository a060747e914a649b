package io.connectops.devstack;

/** The embedded broker or a worker could not start or stop. */
public class EmbeddedStackException extends RuntimeException {
    public EmbeddedStackException(String message) {
        super(message);
    }

    public EmbeddedStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
