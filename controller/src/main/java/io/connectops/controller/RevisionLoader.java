package io.connectops.controller;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.VariableFiles;

/**
 * Load, render and offline-validate one revision's files: the same stages as {@code connectops plan},
 * with file names relative to the repository so an error reads {@code connect/orders.yaml:12:3}.
 */
final class RevisionLoader {
    private RevisionLoader() {
    }

    static DesiredSource.Loaded load(GitSource.Revision revision, ControllerOptions options, io.connectops.secrets.Redactor redactor) {
        Path root = revision.worktree();
        Path declarations = root.resolve(options.path()).normalize();
        if (!declarations.startsWith(root) || !Files.exists(declarations)) {
            throw new InvalidInputException(List.of(new Diagnostic(new SourceLocation(options.path(), 0, 0),
                    "--path '" + options.path() + "' is not in the repository at this commit")));
        }
        try {
            VariableFiles.Sources sources = new VariableFiles.Sources(
                    options.valuesFiles().stream().map(p -> resolve(root, p)).toList(),
                    options.varsDirs().stream().map(p -> resolve(root, p)).toList(),
                    options.secretsDirs().stream().map(p -> resolve(root, p)).toList(),
                    options.privateKeyPem(), options.environment(), options.secretEnvPatterns());
            // The same pipeline as the CLI's; file names then shown relative to the repository.
            Pipeline.Result result = Pipeline.run(new Pipeline.Request(List.of(declarations.toString()), InputStream.nullInputStream(),
                    sources, options.connectUrl(), true).withPolicies(options.policyPaths()).withTeamRoot(root), redactor);
            List<Diagnostic> warnings = result.warnings().stream().map(d -> relative(root, d)).toList();
            return new DesiredSource.Loaded(result.targets(), warnings);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.diagnostics().stream().map(d -> relative(root, d)).toList());
        }
    }

    private static Diagnostic relative(Path root, Diagnostic d) {
        return new Diagnostic(new SourceLocation(relative(root, d.location().file()), d.location().line(), d.location().column()),
                d.message().replace(root.toString() + "/", ""));
    }

    private static Path resolve(Path root, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : root.resolve(p).normalize();
    }

    private static String relative(Path root, String file) {
        String prefix = root.toString() + "/";
        return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
    }

}
