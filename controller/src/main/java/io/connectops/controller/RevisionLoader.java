package io.connectops.controller;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.connectops.load.DeclarationLoader;
import io.connectops.model.Diagnostic;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.model.SourceLocation;
import io.connectops.render.VariableFiles;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import io.connectops.model.Targets;

/**
 * Load, render and offline-validate one revision's files: the same stages as {@code connectops plan},
 * with file names relative to the repository so an error reads {@code connect/orders.yaml:12:3}.
 */
final class RevisionLoader {
    record Loaded(Targets targets, List<Diagnostic> warnings) {
    }

    private RevisionLoader() {
    }

    static Loaded load(GitSource.Revision revision, ControllerOptions options) {
        Path root = revision.worktree();
        Path declarations = root.resolve(options.path()).normalize();
        if (!declarations.startsWith(root) || !Files.exists(declarations)) {
            throw new InvalidInputException(List.of(new Diagnostic(new SourceLocation(options.path(), 0, 0),
                    "--path '" + options.path() + "' is not in the repository at this commit")));
        }
        try {
            Variables variables = VariableFiles.load(new VariableFiles.Sources(
                    options.valuesFiles().stream().map(p -> resolve(root, p)).toList(),
                    options.varsDirs().stream().map(p -> resolve(root, p)).toList(),
                    options.secretsDirs().stream().map(p -> resolve(root, p)).toList(),
                    options.privateKeyPem(), options.environment(), options.secretEnvPatterns()));
            List<InputFiles.Input> inputs = InputFiles.read(List.of(declarations.toString()), InputStreamHolder.EMPTY).stream()
                    .map(input -> new InputFiles.Input(relative(root, input.name()), input.text())).toList();
            DeclarationLoader.Result result = DeclarationLoader.load(inputs, variables);
            return new Loaded(OfflineValidator.resolve(result.declarations(), options.connectUrl()), result.warnings());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.diagnostics().stream().map(d -> new Diagnostic(
                    new SourceLocation(relative(root, d.location().file()), d.location().line(), d.location().column()),
                    d.message().replace(root.toString() + "/", ""))).toList());
        }
    }

    private static Path resolve(Path root, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : root.resolve(p).normalize();
    }

    private static String relative(Path root, String file) {
        String prefix = root.toString() + "/";
        return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
    }

    /** -f never reads standard input here. */
    private static final class InputStreamHolder {
        static final java.io.InputStream EMPTY = java.io.InputStream.nullInputStream();
    }
}
