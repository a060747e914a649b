package io.connectops.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
                    inputs.add(new Input("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
                    continue;
                }
                Path path = Path.of(argument);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> walk = Files.walk(path)) {
                        for (Path file : walk.filter(Files::isRegularFile).filter(InputFiles::isManifest).sorted().toList()) {
                            inputs.add(new Input(file.toString(), Files.readString(file)));
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    inputs.add(new Input(path.toString(), Files.readString(path)));
                } else {
                    problems.add(new Diagnostic(new SourceLocation(argument, 0, 0), "no such file or directory"));
                }
            } catch (IOException e) {
                problems.add(new Diagnostic(new SourceLocation(argument, 0, 0), "cannot read: " + e.getMessage()));
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
