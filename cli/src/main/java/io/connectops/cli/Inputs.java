package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.Diagnostic;
import io.connectops.load.InputFiles;
import io.connectops.model.Declarations;
import io.connectops.render.VariableFiles;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import io.connectops.validate.Targets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code -f} and the variable sources: the files to read, and the load + render + offline-validate
 * stages over them. Nothing here talks to a cluster.
 */
final class Inputs {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
            description = "A file, a directory (recursive: *.yaml, *.yml, *.json) or - for standard input. Repeatable.")
    List<String> paths = new ArrayList<>();

    @Mixin
    VariableOptions variableOptions = new VariableOptions();

    boolean given() {
        return !paths.isEmpty();
    }

    /** Reads the variable sources; every problem names its file and line. */
    Variables variables(ConnectopsCommand root) {
        VariableOptions v = variableOptions;
        return VariableFiles.load(new VariableFiles.Sources(v.valuesFiles, v.varsDirs, v.secretsDirs, v.privateKeyPem(), root.environment()));
    }

    /** The declarations, rendered; warnings (skipped documents, ignored fields) go to stderr. */
    Declarations declarations(ConnectopsCommand root, PrintWriter err) {
        if (!given()) {
            return Declarations.empty();
        }
        DeclarationLoader.Result result = DeclarationLoader.load(InputFiles.read(paths, System.in), variables(root));
        for (Diagnostic warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        err.flush();
        return result.declarations();
    }

    /** Loads, renders and checks everything offline. */
    Targets load(ConnectopsCommand root, PrintWriter err) {
        return OfflineValidator.resolve(declarations(root, err), root.connectUrl());
    }
}
