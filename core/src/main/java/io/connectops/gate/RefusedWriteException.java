package io.connectops.gate;

/** The {@link WriteGate} refused a write: nothing was sent. */
public final class RefusedWriteException extends IllegalStateException {
    public RefusedWriteException(String message) {
        super(message);
    }
}
