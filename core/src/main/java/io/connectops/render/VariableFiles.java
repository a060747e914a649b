package io.connectops.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.yaml.YamlDocument;
import io.connectops.yaml.YamlDocumentReader;
import io.connectops.model.SourceLocation;
import io.connectops.secrets.SealedValueException;
import io.connectops.secrets.Sealing;

/**
 * Reads the variable sources into {@link Variables}, reporting every problem with its file and line:
 * <ul>
 *   <li>values files ({@code --values}): YAML mappings, nested keys joined with dots ({@code db.host});</li>
 *   <li>properties directories ({@code --vars-dir}): every {@code *.properties} file, every
 *       {@code key=value} line a variable, split at the first '=' (the value may hold more), as
 *       streaming-ops' load_configs did, minus its truncation at a second '=';</li>
 *   <li>secrets directories ({@code --secrets-dir}): the same format, every value secret.</li>
 * </ul>
 * A value written as {@code sealed:v1:...} is opened with the private key and is secret wherever it
 * was. Later sources win: values files, then properties directories, then secrets directories, each
 * in the order given. The pipeline registers every secret value read with the run's redactor; an
 * environment value only when a template uses it (HOME is no secret, but it is in every environment).
 */
public final class VariableFiles {
    /** What to read. {@code privateKeyPem} may be null when nothing is sealed. */
    public record Sources(List<Path> valuesFiles, List<Path> varsDirs, List<Path> secretsDirs, String privateKeyPem,
                          Map<String, String> environment, List<String> secretEnvPatterns) {
        public Sources {
            valuesFiles = List.copyOf(valuesFiles);
            varsDirs = List.copyOf(varsDirs);
            secretsDirs = List.copyOf(secretsDirs);
            environment = Map.copyOf(environment);
            secretEnvPatterns = List.copyOf(secretEnvPatterns);
        }

        /** With the default secret name patterns for the environment. */
        public Sources(List<Path> valuesFiles, List<Path> varsDirs, List<Path> secretsDirs, String privateKeyPem,
                       Map<String, String> environment) {
            this(valuesFiles, varsDirs, secretsDirs, privateKeyPem, environment, EnvironmentAllowList.DEFAULT_SECRET_PATTERNS);
        }

        public static Sources environmentOnly(Map<String, String> environment) {
            return new Sources(List.of(), List.of(), List.of(), null, environment);
        }
    }

    private final Sources sources;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private Sealing.Recipient recipient;
    private boolean recipientRead;

    private VariableFiles(Sources sources) {
        this.sources = sources;
    }

    public static Variables load(Sources sources) {
        VariableFiles reader = new VariableFiles(sources);
        sources.valuesFiles().forEach(reader::readValuesFile);
        sources.varsDirs().forEach(dir -> reader.readDirectory(dir, false));
        sources.secretsDirs().forEach(dir -> reader.readDirectory(dir, true));
        if (!reader.problems.isEmpty()) {
            throw new InvalidInputException(reader.problems);
        }
        return new Variables(reader.variables, sources.environment(),
                EnvironmentAllowList.filter(sources.environment(), sources.secretEnvPatterns()).keySet());
    }

    private void readValuesFile(Path file) {
        String text = readText(file);
        if (text == null) {
            return;
        }
        List<YamlDocument> documents;
        try {
            documents = YamlDocumentReader.read(file.toString(), text);
        } catch (InvalidInputException e) {
            problems.addAll(e.diagnostics());
            return;
        }
        for (YamlDocument document : documents) {
            if (!document.root().isObject()) {
                problems.add(new Diagnostic(document.start(), "a values file is a mapping of names to values (name: value)"));
                continue;
            }
            flatten(document, "", "", document.root());
        }
    }

    private void flatten(YamlDocument document, String pointer, String prefix, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String childPointer = pointer + "/" + YamlDocument.escape(field.getKey());
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            SourceLocation at = document.locationOf(childPointer);
            if (value.isObject()) {
                flatten(document, childPointer, name + ".", value);
            } else if (value.isNull() || value.isArray()) {
                problems.add(new Diagnostic(at, "variable '" + name + "' must be a single value"
                        + (value.isNull() ? " (quote it, \"\", for an empty string)" : " (write a list as comma-separated text)")));
            } else {
                define(name, document.scalarText(childPointer, value), false, at, false);
            }
        }
    }

    private void readDirectory(Path dir, boolean secret) {
        if (!Files.isDirectory(dir)) {
            problems.add(new Diagnostic(new SourceLocation(dir.toString(), 0, 0), "not a directory: "
                    + (secret ? "--secrets-dir" : "--vars-dir") + " takes a directory of *.properties files"));
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".properties") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            problems.add(new Diagnostic(new SourceLocation(dir.toString(), 0, 0), "cannot list: " + e.getMessage()));
            return;
        }
        for (Path file : files) {
            readProperties(dir, file, secret);
        }
    }

    private void readProperties(Path dir, Path file, boolean secret) {
        String text = readText(dir, file);
        if (text == null) {
            return;
        }
        int lineNumber = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            SourceLocation at = new SourceLocation(file.toString(), lineNumber, 1);
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                problems.add(new Diagnostic(at, "expected 'key=value'" + (equals == 0 ? ": the key is empty" : "")
                        + " (a value may contain '=', the first one separates)"));
                continue;
            }
            String key = trimmed.substring(0, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            define(key, value, secret, at, true);
        }
    }

    private void define(String name, String rawValue, boolean secret, SourceLocation at, boolean jqAlias) {
        String value = rawValue;
        boolean isSecret = secret;
        if (Sealing.isSealed(rawValue)) {
            Sealing.Recipient key = recipient(at, name);
            if (key == null) {
                return;
            }
            try {
                value = Sealing.open(key, name, rawValue);
            } catch (SealedValueException e) {
                problems.add(new Diagnostic(at, "sealed value of '" + name + "': " + e.getMessage()));
                return;
            }
            isSecret = true;
        }
        Variable variable = new Variable(name, value, isSecret, at);
        variables.put(name, variable);
        if (jqAlias) {
            String alias = Variables.jqName(name);
            if (!alias.equals(name)) {
                variables.put(alias, new Variable(alias, value, isSecret, at));
            }
        }
    }

    private Sealing.Recipient recipient(SourceLocation at, String name) {
        if (!recipientRead) {
            recipientRead = true;
            if (sources.privateKeyPem() != null) {
                try {
                    recipient = Sealing.readPrivateKey(sources.privateKeyPem());
                } catch (SealedValueException e) {
                    problems.add(new Diagnostic(at, "the private key cannot be read: " + e.getMessage()));
                    return null;
                }
            }
        }
        if (recipient == null && sources.privateKeyPem() == null) {
            problems.add(new Diagnostic(at, "'" + name + "' is sealed but no private key was given: pass --private-key FILE "
                    + "(or set CONNECTOPS_PRIVATE_KEY_FILE), the key 'connectops keygen' made"));
        }
        return recipient;
    }

    /** A file of a directory: it may not be a link out of that directory. */
    private String readText(Path dir, Path file) {
        try {
            return io.connectops.files.BoundedFiles.readInside(dir, file);
        } catch (IOException e) {
            problems.add(new Diagnostic(new SourceLocation(file.toString(), 0, 0), e instanceof io.connectops.files.BoundedFiles.RefusedFileException
                    ? e.getMessage() : "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private String readText(Path file) {
        try {
            return io.connectops.files.BoundedFiles.read(file);
        } catch (IOException e) {
            problems.add(new Diagnostic(new SourceLocation(file.toString(), 0, 0), "cannot read: " + e.getMessage()));
            return null;
        }
    }
}
