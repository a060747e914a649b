package io.connectops.load;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.connectops.files.BoundedFiles;
import io.connectops.model.SourceLocation;

/**
 * Resolves {@code -f} arguments into texts: a file, a directory (recursively, *.yaml, *.yml, *.json,
 * in a stable sorted order) or "-" for standard input.
 */
public final class InputFiles {
    /** One input text and the name errors should use for it. */
    public record Input(String name, String text) {
    }

    private InputFiles() {
    }

    public static List<Input> read(List<String> arguments, InputStream stdin) {
        List<Input> inputs = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (String argument : arguments) {
            try {
                if (argument.equals("-")) {
                    byte[] bytes = stdin.readNBytes((int) BoundedFiles.MAX_FILE_BYTES + 1);
                    if (bytes.length > BoundedFiles.MAX_FILE_BYTES) {
                        throw new IOException("standard input is larger than " + (BoundedFiles.MAX_FILE_BYTES >> 20) + " MiB: refused");
                    }
                    inputs.add(new Input("<stdin>", new String(bytes, StandardCharsets.UTF_8)));
                    continue;
                }
                Path path = Path.of(argument);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> walk = Files.walk(path)) {
                        for (Path file : walk.filter(Files::isRegularFile).filter(InputFiles::isManifest).sorted().toList()) {
                            try {
                                inputs.add(new Input(file.toString(), BoundedFiles.readInside(path, file)));
                            } catch (BoundedFiles.RefusedFileException e) {
                                problems.add(new Diagnostic(new SourceLocation(file.toString(), 0, 0), e.getMessage()));
                            }
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    inputs.add(new Input(path.toString(), BoundedFiles.read(path)));
                } else {
                    problems.add(new Diagnostic(new SourceLocation(argument, 0, 0), "no such file or directory"));
                }
            } catch (IOException e) {
                problems.add(new Diagnostic(new SourceLocation(argument, 0, 0), e instanceof BoundedFiles.RefusedFileException ? e.getMessage() : "cannot read: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return inputs;
    }

    static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
