package io.connectops.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The shapes of connectops' custom resources (the CRDs generated with the build, the same as deploy/base/crds): what a
 * policy's expression may read of {@code object} under the API server. A field the schema does not have would make
 * the admission policy fail to compile there (or its rule fail on every object), so rendering refuses it here.
 */
final class CrdShapes {
    /** The kinds with a custom resource, and its plural. */
    static final Map<String, String> PLURALS = plurals();
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations", "uid", "generation",
            "creationTimestamp", "deletionTimestamp", "resourceVersion", "finalizers", "ownerReferences", "generateName");

    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();

    private static Map<String, String> plurals() {
        Map<String, String> plurals = new LinkedHashMap<>();
        plurals.put("Connector", "connectors");
        plurals.put("ConnectCluster", "connectclusters");
        plurals.put("KafkaCluster", "kafkaclusters");
        plurals.put("Topic", "topics");
        plurals.put("Acl", "acls");
        plurals.put("User", "users");
        return plurals;
    }

    CrdShapes() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        PLURALS.forEach((kind, plural) -> {
            String resource = "/META-INF/fabric8/" + plural + ".connectops.io-v1.yml";
            try (InputStream in = CrdShapes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the CRD " + resource + " is not on the class path");
                }
                schemas.put(kind, yaml.readTree(in).path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Why {@code path} ({@code [object, spec, partitions]}) is not a field of {@code kind}'s custom resource, or null
     * when it is (a map's keys and preserved unknown fields are anything).
     */
    String missing(String kind, List<String> path) {
        JsonNode node = schemas.get(kind);
        for (int i = 1; i < path.size(); i++) {
            String field = path.get(i);
            if (i == 1 && (field.equals("apiVersion") || field.equals("kind"))) {
                return null; // every object has them, whether the schema lists them or not
            }
            if (i == 1 && field.equals("metadata")) {
                return path.size() < 3 || METADATA.contains(path.get(2)) ? null
                        : "metadata has no field '" + path.get(2) + "'";
            }
            if (node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) || node.has("additionalProperties")) {
                return null;
            }
            if (node.path("type").asText().equals("array")) {
                return null; // an index, or a comprehension over its items: not followed
            }
            JsonNode next = node.path("properties").get(field);
            if (next == null) {
                return "the " + kind + " custom resource has no field '" + String.join(".", path.subList(1, i + 1)) + "'";
            }
            node = next;
        }
        return null;
    }
}
