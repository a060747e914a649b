package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.connectops.model.Diagnostic;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.model.Declarations;
import io.connectops.pipeline.Pipeline;
import io.connectops.model.SourceLocation;
import io.connectops.render.VariableFiles;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import io.connectops.model.Targets;
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

    /** The variable sources the options name, with the environment the user allowed. */
    VariableFiles.Sources sources(ConnectopsCommand root) {
        VariableOptions v = variableOptions;
        return new VariableFiles.Sources(v.valuesFiles, v.varsDirs, v.secretsDirs, v.privateKeyPem(),
                v.allowedEnvironment(root.environment()), v.secretEnvPatterns(root.environment()));
    }

    /**
     * The shared pipeline over -f (read, load and render, check offline); warnings go to stderr. Files that
     * declare nothing are an error that names what was read: never "delete nothing, create nothing".
     */
    Pipeline.Result run(ConnectopsCommand root, PrintWriter err, boolean destinationRequired) {
        Pipeline.Result result = Pipeline.run(new Pipeline.Request(paths, System.in, sources(root), root.connectUrl(), destinationRequired,
                root.bootstrapServer(), root.kafkaProperties()).withPolicies(root.policyPaths()).withTeamRoot(repositoryOf(paths)), root.redactor());
        for (Diagnostic warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        err.flush();
        Declarations declarations = result.declarations();
        if (declarations.resourceCount() == 0 && declarations.clusters().isEmpty() && declarations.kafkaClusters().isEmpty()) {
            List<InputFiles.Input> read = result.read();
            String what = read.isEmpty() ? "no *.yaml, *.yml or *.json file in it"
                    : "read " + read.size() + " file(s) (" + abbreviate(read.stream().map(InputFiles.Input::name).toList())
                    + ") and found no Connector, ConnectCluster, KafkaCluster, Topic, Acl, User, or a format connectops reads";
            throw new InvalidInputException(List.of(new Diagnostic(new SourceLocation("-f " + String.join(" -f ", paths), 0, 0),
                    what)));
        }
        return result;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", ...";
    }

    /** Loads, renders and checks everything offline; -f is optional (status, export, adopt). */
    Targets load(ConnectopsCommand root, PrintWriter err) {
        return given() ? run(root, err, true).targets() : OfflineValidator.resolve(Declarations.empty(), root.connectUrl());
    }

    /** As {@link #load}, for commands that act on declarations (plan, apply): without -f there is nothing to do. */
    Targets loadRequired(ConnectopsCommand root, PrintWriter err, String verb) {
        requireFiles(verb);
        return load(root, err);
    }

    /**
     * What team paths are relative to: the Git repository holding the first -f path (a directory with {@code .git}
     * above it), else the working directory (docs/teams.md).
     */
    static java.nio.file.Path repositoryOf(List<String> paths) {
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        if (paths.isEmpty() || paths.get(0).equals("-")) {
            return cwd;
        }
        for (java.nio.file.Path dir = java.nio.file.Path.of(paths.get(0)).toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return cwd;
    }

    void requireFiles(String verb) {
        if (!given()) {
            throw new InvalidInputException(List.of(new Diagnostic(new SourceLocation("-f", 0, 0), "nothing to " + verb
                    + ": give the files that declare your connectors with -f FILE, -f DIR or -f - (standard input)")));
        }
    }
}
