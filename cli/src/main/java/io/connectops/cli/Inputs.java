package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.Diagnostic;
import io.connectops.load.InputFiles;
import io.connectops.model.Declarations;
import io.connectops.validate.OfflineValidator;
import io.connectops.validate.Targets;
import picocli.CommandLine.Option;

/** {@code -f}: the files, directories or "-" to read, and the load + offline-validate stages over them. */
final class Inputs {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
            description = "A file, a directory (recursive: *.yaml, *.yml, *.json) or - for standard input. Repeatable.")
    List<String> paths = new ArrayList<>();

    boolean given() {
        return !paths.isEmpty();
    }

    /** Loads and checks everything offline; warnings (skipped documents) go to stderr. */
    Targets load(ConnectopsCommand root, PrintWriter err) {
        Declarations declarations = Declarations.empty();
        if (given()) {
            DeclarationLoader.Result result = DeclarationLoader.load(InputFiles.read(paths, System.in));
            for (Diagnostic warning : result.warnings()) {
                err.println("warning: " + warning);
            }
            err.flush();
            declarations = result.declarations();
        }
        return OfflineValidator.resolve(declarations, root.connectUrl());
    }
}
