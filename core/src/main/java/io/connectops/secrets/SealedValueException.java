package io.connectops.secrets;

/** A sealed value that cannot be opened: wrong key, altered text, or not a sealed value at all. */
public final class SealedValueException extends Exception {
    public SealedValueException(String message) {
        super(message);
    }
}
