package io.connectops.operator.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The stand-ins for the API server are honest (each refuses what a cluster refuses), and what connectops ships passes
 * them: every custom resource of the examples and the docs against the CRDs,
 * the operator's requests against the Role.
 */
class ApiServerRulesTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void requestsMapToTheVerbsAndResourcesRbacNames() {
        assertEquals(new RequestAttributes("patch", "coordination.k8s.io", "leases", null, "ns", "lock"),
                RequestAttributes.of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ns/leases/lock").orElseThrow());
        assertEquals("connectors/status", RequestAttributes.of("PUT", "/apis/connectops.io/v1alpha1/namespaces/ns/connectors/c/status")
                .orElseThrow().ruleResource());
        assertEquals("watch", RequestAttributes.of("GET", "/api/v1/namespaces/ns/secrets?resourceVersion=1&watch=true").orElseThrow().verb());
        assertEquals("list", RequestAttributes.of("GET", "/api/v1/namespaces/ns/secrets?resourceVersion=0").orElseThrow().verb());
        assertTrue(RequestAttributes.of("GET", "/apis").isEmpty(), "discovery is open to every authenticated user");
    }

    @Test
    void theRoleGrantsWhatTheOperatorDoesAndNothingItDoesNot() throws IOException {
        RenderedRbac rbac = RuledMockServer.baseRbac();
        // fabric8's leader elector renews and releases its Lease with a PATCH: without it, leadership dies after the renew deadline.
        assertTrue(rbac.allows(new RequestAttributes("patch", "coordination.k8s.io", "leases", null, "ns", "connectops-operator")));
        assertTrue(rbac.allows(new RequestAttributes("update", "connectops.io", "connectclusters", "finalizers", "ns", "orders")),
                "the workers' objects name their ConnectCluster with blockOwnerDeletion");
        assertTrue(rbac.allows(new RequestAttributes("update", "connectops.io", "connectors", "status", "ns", "c")));
        for (RequestAttributes never : List.of(new RequestAttributes("delete", "", "secrets", null, "ns", "s"),
                new RequestAttributes("update", "connectops.io", "connectors", null, "ns", "c"),
                new RequestAttributes("patch", "", "events", null, "ns", "e"),
                new RequestAttributes("update", "coordination.k8s.io", "leases", null, "ns", "l"),
                new RequestAttributes("create", "kafka.strimzi.io", "kafkaconnectors", null, "ns", null))) {
            assertFalse(rbac.allows(never), "not granted: " + never);
        }
        // And the check can fail: a Role as it was before (no patch on leases) refuses the renewal.
        RenderedRbac old = RenderedRbac.of(RuledMockServer.documents("""
                kind: Role
                metadata: {name: r}
                rules: [{apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "create", "update"]}]
                ---
                kind: RoleBinding
                roleRef: {kind: Role, name: r}
                subjects: [{kind: ServiceAccount, name: connectops-operator}]
                """));
        assertFalse(old.allows(new RequestAttributes("patch", "coordination.k8s.io", "leases", null, "ns", "connectops-operator")));
    }

    @Test
    void everyCustomResourceInTheExamplesAndTheDocsIsAcceptedByTheCrds() throws IOException {
        CrdSchemas schemas = CrdSchemas.load(RuledMockServer.DEPLOY.resolve("base/crds"));
        List<String> rejected = new ArrayList<>();
        int checked = 0;
        for (Path file : files()) {
            String text = Files.readString(file);
            List<String> texts = new ArrayList<>();
            if (file.toString().endsWith(".md")) {
                Matcher m = YAML_BLOCK.matcher(text);
                while (m.find()) {
                    texts.add(m.group(1));
                }
            } else {
                texts.add(text);
            }
            for (String yaml : texts) {
                List<JsonNode> docs;
                try {
                    docs = RuledMockServer.documents(yaml);
                } catch (IOException e) {
                    continue; // a fragment of a file, not a whole document
                }
                for (JsonNode doc : docs) {
                    String resource = schemas.resourceOfKind(doc.path("kind").asText());
                    if (!doc.path("apiVersion").asText().startsWith("connectops.io/") || resource == null) {
                        continue;
                    }
                    checked++;
                    if (doc.path("kind").asText().equals("User") && doc.path("spec") instanceof ObjectNode spec) {
                        spec.remove("passwordFile"); // for files only (docs/kafka.md says so); the operator's is passwordSecret
                    }
                    String plural = resource.substring(resource.indexOf('/') + 1);
                    schemas.validate("connectops.io", plural, doc).forEach(p -> rejected.add(file + " " + doc.path("kind").asText() + " "
                            + doc.at("/metadata/name").asText() + ": " + p));
                }
            }
        }
        assertTrue(checked >= 15, "custom resources found in the docs and examples: " + checked);
        assertEquals(List.of(), rejected);
    }

    @Test
    void theSchemasRefuseWhatTheApiServerRefuses() throws IOException {
        CrdSchemas schemas = CrdSchemas.load(RuledMockServer.DEPLOY.resolve("base/crds"));
        ObjectNode connector = (ObjectNode) JSON.valueToTree(Map.of("apiVersion", "connectops.io/v1alpha1", "kind", "Connector",
                "metadata", Map.of("name", "c"), "spec", Map.of("cluster", "main", "class", "X", "tasksMax", 1,
                        "config", Map.of("database.port", 5432, "ssl.enabled", true, "topic", "t"))));
        assertEquals(List.of(), schemas.validate("connectops.io", "connectors", connector), "numbers and booleans in config, as in a file");
        ((ObjectNode) connector.get("spec")).put("tasksmax", 1);
        assertFalse(schemas.validate("connectops.io", "connectors", connector).isEmpty(), "an unknown field is refused (strict field validation)");
        ((ObjectNode) connector.get("spec")).remove("tasksmax");
        ((ObjectNode) connector.get("spec")).put("tasksMax", "one");
        assertFalse(schemas.validate("connectops.io", "connectors", connector).isEmpty(), "a wrong type is refused");
    }

    private static List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("docs"), ROOT.resolve("examples"), ROOT.resolve("deploy/examples"), ROOT.resolve("README.md"))) {
            if (Files.isRegularFile(dir)) {
                files.add(dir);
                continue;
            }
            try (var walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().matches(".*\\.(md|ya?ml)$")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
