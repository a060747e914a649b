package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Option;

/**
 * {@code -f} and the variable sources: the files to read, and the load + render + offline-validate
 * stages over them. Nothing here talks to a cluster.
 */
final class Inputs {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
            description = "A file, a directory (recursive: *.yaml, *.yml, *.json) or - for standard input. Repeatable.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--values", paramLabel = "FILE",
            description = "A YAML file of variables for {{ NAME }} templates (nested keys joined with dots). Repeatable; later wins.")
    List<Path> valuesFiles = new ArrayList<>();

    @Option(names = "--vars-dir", paramLabel = "DIR",
            description = "A directory of *.properties files: every key=value a variable ({{ key }}; $KEY in streaming-ops jq). Repeatable.")
    List<Path> varsDirs = new ArrayList<>();

    @Option(names = "--secrets-dir", paramLabel = "DIR",
            description = "Like --vars-dir, but every value is secret: masked in every output. Repeatable.")
    List<Path> secretsDirs = new ArrayList<>();

    @Option(names = "--private-key", paramLabel = "FILE", defaultValue = "${env:CONNECTOPS_PRIVATE_KEY_FILE}",
            description = "The key from 'connectops keygen' that opens sealed:v1: values (env CONNECTOPS_PRIVATE_KEY_FILE).")
    Path privateKey;

    boolean given() {
        return !paths.isEmpty();
    }

    /** Reads the variable sources; every problem names its file and line. */
    Variables variables(ConnectopsCommand root) {
        String privateKeyPem = null;
        if (privateKey != null) {
            try {
                privateKeyPem = Files.readString(privateKey);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --private-key " + privateKey + ": " + e.getMessage(), e);
            }
        }
        return VariableFiles.load(new VariableFiles.Sources(valuesFiles, varsDirs, secretsDirs, privateKeyPem, root.environment()));
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
