package io.connectops.load;

import java.util.ArrayList;
import java.util.List;

import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.Declarations;

/**
 * Stage 1 of the data flow: input texts to {@link Declarations}. Reads every document of every input,
 * dispatches on apiVersion + kind, and collects every problem before failing, so a user fixes all of
 * them in one round. Documents of kinds connectops does not manage (a Deployment in kustomize output)
 * are skipped with a warning.
 */
public final class DeclarationLoader {
    /** The declarations, plus warnings (skipped documents) that do not stop anything. */
    public record Result(Declarations declarations, List<Diagnostic> warnings) {
    }

    private DeclarationLoader() {
    }

    public static Result load(List<InputFiles.Input> inputs) {
        List<Diagnostic> problems = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<ConnectClusterSpec> clusters = new ArrayList<>();
        List<ConnectorSpec> connectors = new ArrayList<>();
        for (InputFiles.Input input : inputs) {
            List<YamlDocument> documents;
            try {
                documents = YamlDocumentReader.read(input.name(), input.text());
            } catch (InvalidInputException e) {
                problems.addAll(e.diagnostics());
                continue;
            }
            for (YamlDocument document : documents) {
                readDocument(document, problems, warnings, clusters, connectors);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Result(new Declarations(clusters, connectors), warnings);
    }

    private static void readDocument(YamlDocument document, List<Diagnostic> problems, List<Diagnostic> warnings,
                                     List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors) {
        if (!document.root().isObject()) {
            problems.add(new Diagnostic(document.start(), "expected a mapping with apiVersion, kind, metadata and spec"));
            return;
        }
        Fields doc = Fields.root(document, problems);
        String apiVersion = doc.string("apiVersion");
        String kind = doc.string("kind");
        if (apiVersion == null || kind == null) {
            doc.problem(null, "missing 'apiVersion' or 'kind': a connector starts with 'apiVersion: "
                    + NativeReader.API_VERSION + "' and 'kind: Connector'");
            return;
        }
        if (apiVersion.startsWith("connectops.io/")) {
            if (!apiVersion.equals(NativeReader.API_VERSION)) {
                doc.problem("apiVersion", "unsupported apiVersion '" + apiVersion + "': use '" + NativeReader.API_VERSION + "'");
                return;
            }
            switch (kind) {
                case "Connector" -> add(connectors, NativeReader.connector(doc));
                case "ConnectCluster" -> add(clusters, NativeReader.cluster(doc));
                default -> {
                    String suggestion = Fields.closest(kind, List.of("Connector", "ConnectCluster"))
                            .map(s -> " (did you mean '" + s + "'?)").orElse("");
                    doc.problem("kind", "unknown kind '" + kind + "'" + suggestion + "; connectops.io kinds: Connector, ConnectCluster");
                }
            }
            return;
        }
        warnings.add(new Diagnostic(doc.locationOf("kind"), "skipped: " + apiVersion + " " + kind + " is not a kind connectops manages"));
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }
}
