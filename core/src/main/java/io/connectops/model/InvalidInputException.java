package io.connectops.model;

import java.util.List;
import java.util.stream.Collectors;

/** The input has problems; nothing was (or will be) written. Lists every problem found, not just the first. */
public class InvalidInputException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public InvalidInputException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> diagnostics) {
        String first = diagnostics.isEmpty() ? "invalid input" : diagnostics.get(0).toString();
        return diagnostics.size() <= 1 ? first
                : first + " (and " + (diagnostics.size() - 1) + " more problem" + (diagnostics.size() == 2 ? "" : "s") + ")\n"
                + diagnostics.stream().skip(1).map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }
}
