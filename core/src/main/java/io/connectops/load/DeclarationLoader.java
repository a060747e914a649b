package io.connectops.load;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.yaml.YamlDocument;
import io.connectops.yaml.YamlDocumentReader;

import java.util.ArrayList;
import java.util.List;

import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.Declarations;
import io.connectops.render.DocumentRenderer;
import io.connectops.render.Variables;

/**
 * Stages 1 and 2 of the data flow: input texts to {@link Declarations}. Reads every document of every
 * input, fills its {@code {{ variables }}} ({@link DocumentRenderer}, keeping file:line), dispatches on
 * apiVersion + kind, and collects every problem before failing, so a user fixes all of them in one
 * round. Besides connectops' own kinds it reads, converting at load time: streaming-ops ConfigMaps
 * (jq), Confluent for Kubernetes Connectors and Strimzi KafkaConnectors. Documents of kinds connectops
 * does not manage (a Deployment in kustomize output) are skipped with a warning.
 *
 * <p>Rendering happens per document, before the reader, rather than on finished specs: that way a
 * template may sit in any field (a cluster URL, an auth password) and its errors keep their line.
 */
public final class DeclarationLoader {
    /** The declarations, plus warnings (skipped documents) that do not stop anything. */
    public record Result(Declarations declarations, List<Diagnostic> warnings) {
    }

    private DeclarationLoader() {
    }

    public static Result load(List<InputFiles.Input> inputs) {
        return load(inputs, Variables.none());
    }

    public static Result load(List<InputFiles.Input> inputs, Variables variables) {
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
                for (YamlDocument item : unpackList(document)) {
                    readDocument(item, variables, problems, warnings, clusters, connectors);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Result(new Declarations(clusters, connectors), warnings);
    }

    private static void readDocument(YamlDocument parsed, Variables variables, List<Diagnostic> problems, List<Diagnostic> warnings,
                                     List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors) {
        if (!parsed.root().isObject()) {
            problems.add(new Diagnostic(parsed.start(), "expected a mapping with apiVersion, kind, metadata and spec"));
            return;
        }
        if (StreamingOpsReader.isConnectConfigMap(parsed.root())) {
            // Its data are jq programs with their own variables ($X, env.X): not rendered as templates.
            connectors.addAll(StreamingOpsReader.connectors(Fields.root(parsed, problems), variables, warnings));
            return;
        }
        int before = problems.size();
        YamlDocument document = DocumentRenderer.render(parsed, variables, problems);
        if (problems.size() > before) {
            return; // an undefined variable: reading on would add confusing follow-up errors
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
        if (apiVersion.equals(CfkReader.API_VERSION) && kind.equals("Connector")) {
            add(connectors, CfkReader.connector(doc, warnings));
            return;
        }
        if (StrimziReader.API_VERSIONS.contains(apiVersion) && kind.equals("KafkaConnector")) {
            add(connectors, StrimziReader.connector(doc, warnings));
            return;
        }
        warnings.add(new Diagnostic(doc.locationOf("kind"), "skipped: " + apiVersion + " " + kind + " is not a kind connectops manages"));
    }

    /**
     * What {@code kubectl get -o yaml} prints for several objects: {@code apiVersion: v1},
     * {@code kind: List} (or {@code ConfigMapList}, ...) with the objects under {@code items}. Each item
     * is read as a document of its own, keeping its lines.
     */
    static List<YamlDocument> unpackList(YamlDocument document) {
        com.fasterxml.jackson.databind.JsonNode root = document.root();
        if (!root.isObject() || !"v1".equals(root.path("apiVersion").asText()) || !root.path("kind").asText().endsWith("List")
                || !root.path("items").isArray()) {
            return List.of(document);
        }
        List<YamlDocument> items = new ArrayList<>();
        for (int i = 0; i < root.get("items").size(); i++) {
            items.add(document.subDocument("/items/" + i));
        }
        return items;
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }
}
