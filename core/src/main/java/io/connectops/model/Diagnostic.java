package io.connectops.model;

import io.connectops.model.SourceLocation;

/** One problem in the input, where it is, and (when we know) how to fix it. */
public record Diagnostic(SourceLocation location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
