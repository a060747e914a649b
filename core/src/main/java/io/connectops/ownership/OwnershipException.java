package io.connectops.ownership;

/** The ownership record could not be read or written: nothing that depends on it is done. */
public class OwnershipException extends RuntimeException {
    public OwnershipException(String message) {
        super(message);
    }

    public OwnershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
