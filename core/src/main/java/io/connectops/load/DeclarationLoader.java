package io.connectops.load;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.yaml.YamlDocument;
import io.connectops.yaml.YamlDocumentReader;

import java.util.ArrayList;
import java.util.List;

import io.connectops.model.AclSpec;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.KafkaClusterSpec;
import io.connectops.model.KafkaResource;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;
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
        return load(inputs, variables, List.of());
    }

    /** @param readers the readers of the kinds added as plug-ins (io.connectops.kinds.Kinds) */
    public static Result load(List<InputFiles.Input> inputs, Variables variables, List<DocumentReader> readers) {
        List<Diagnostic> problems = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        Collected collected = new Collected(readers);
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
                    readDocument(item, variables, problems, warnings, collected);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Result(new Declarations(collected.clusters, collected.connectors, collected.kafkaClusters, collected.topics,
                collected.acls, collected.users, collected.resources, collected.policies, collected.teams), warnings);
    }

    /** What the documents read so far declare, by kind. */
    private static final class Collected {
        final List<ConnectClusterSpec> clusters = new ArrayList<>();
        final List<ConnectorSpec> connectors = new ArrayList<>();
        final List<KafkaClusterSpec> kafkaClusters = new ArrayList<>();
        final List<TopicSpec> topics = new ArrayList<>();
        final List<AclSpec> acls = new ArrayList<>();
        final List<UserSpec> users = new ArrayList<>();
        final List<KafkaResource> resources = new ArrayList<>();
        final List<io.connectops.model.PolicySpec> policies = new ArrayList<>();
        final List<io.connectops.model.TeamSpec> teams = new ArrayList<>();
        final List<DocumentReader> readers;

        Collected(List<DocumentReader> readers) {
            this.readers = List.copyOf(readers);
        }

        /** Reads the document with every plug-in reader of its kind; false when none reads it. */
        boolean readPlugins(String apiVersion, String kind, Fields doc, List<Diagnostic> warnings) {
            boolean read = false;
            for (DocumentReader reader : readers) {
                if (reader.reads(apiVersion, kind)) {
                    resources.addAll(reader.read(doc, warnings));
                    read = true;
                }
            }
            return read;
        }
    }

    static final List<String> NATIVE_KINDS = List.of("Connector", "ConnectCluster", "KafkaCluster", "Topic", "Acl", "User", "Policy", "Team");

    private static void readDocument(YamlDocument parsed, Variables variables, List<Diagnostic> problems, List<Diagnostic> warnings,
                                     Collected collected) {
        List<ConnectorSpec> connectors = collected.connectors;
        if (!parsed.root().isObject()) {
            problems.add(new Diagnostic(parsed.start(), "expected a mapping with apiVersion, kind, metadata and spec"));
            return;
        }
        if (StreamingOpsReader.isConnectConfigMap(parsed.root())) {
            // Its data are jq programs with their own variables ($X, env.X): not rendered as templates.
            connectors.addAll(StreamingOpsReader.connectors(Fields.root(parsed, problems), variables, warnings));
            return;
        }
        if (CcloudReader.isCcloudConfigMap(parsed.root())) {
            // JSON inside YAML, read as the seed operator did (no templates of its own).
            int before = problems.size();
            YamlDocument document = DocumentRenderer.render(parsed, variables, problems);
            if (problems.size() == before) {
                CcloudReader.Read read = CcloudReader.read(Fields.root(document, problems), warnings);
                collected.topics.addAll(read.topics());
                collected.acls.addAll(read.acls());
            }
            return;
        }
        if (NativeReader.API_VERSION.equals(parsed.root().path("apiVersion").asText()) && "Policy".equals(parsed.root().path("kind").asText())) {
            // CEL is code: read as written, never rendered ('{{' may be part of an expression).
            add(collected.policies, PolicyReader.policy(Fields.root(parsed, problems)));
            return;
        }
        if (NativeReader.API_VERSION.equals(parsed.root().path("apiVersion").asText()) && "Team".equals(parsed.root().path("kind").asText())) {
            add(collected.teams, TeamReader.team(Fields.root(parsed, problems)));
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
                case "ConnectCluster" -> add(collected.clusters, NativeReader.cluster(doc));
                case "KafkaCluster" -> add(collected.kafkaClusters, KafkaNativeReader.cluster(doc));
                case "Topic" -> add(collected.topics, KafkaNativeReader.topic(doc));
                case "Acl" -> add(collected.acls, KafkaNativeReader.acl(doc));
                case "User" -> add(collected.users, KafkaNativeReader.user(doc, collected.acls));
                default -> {
                    if (collected.readPlugins(apiVersion, kind, doc, warnings)) {
                        return;
                    }
                    List<String> known = new ArrayList<>(NATIVE_KINDS);
                    collected.readers.forEach(r -> known.addAll(r.nativeKinds()));
                    String suggestion = Fields.closest(kind, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
                    doc.problem("kind", "unknown kind '" + kind + "'" + suggestion + "; connectops.io kinds: " + String.join(", ", known));
                }
            }
            return;
        }
        if (apiVersion.equals(CfkReader.API_VERSION) && kind.equals("Connector")) {
            add(connectors, CfkReader.connector(doc, warnings));
            return;
        }
        if (apiVersion.equals(CfkReader.API_VERSION) && kind.equals("KafkaTopic")) {
            add(collected.topics, CfkReader.topic(doc, warnings));
            return;
        }
        if (StrimziReader.API_VERSIONS.contains(apiVersion)) {
            collected.readPlugins(apiVersion, kind, doc, warnings); // what a plug-in kind reads of it (a KafkaUser's quotas)
            switch (kind) {
                case "KafkaConnector" -> add(connectors, StrimziReader.connector(doc, warnings));
                case "KafkaTopic" -> add(collected.topics, StrimziReader.topic(doc, warnings));
                case "KafkaUser" -> add(collected.users, StrimziReader.user(doc, variables, collected.acls, warnings));
                default -> warnings.add(new Diagnostic(doc.locationOf("kind"), "skipped: " + apiVersion + " " + kind
                        + " is not a kind connectops manages"));
            }
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
