package io.connectops.cli;

import java.io.PrintWriter;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;

/** Prints every input problem, one per line as file:line:column: message, then a count. */
final class Problems {
    private Problems() {
    }

    static int report(InvalidInputException e, PrintWriter err) {
        for (Diagnostic d : e.diagnostics()) {
            err.println("error: " + d);
        }
        err.println(e.diagnostics().size() + " problem" + (e.diagnostics().size() == 1 ? "" : "s") + " found; nothing was changed.");
        err.flush();
        return ExitCodes.ERROR;
    }
}
