package io.connectops.operator.apiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The CRDs' {@code openAPIV3Schema}s as the API server applies them to a custom resource, checked with a JSON-schema
 * validator: types, required fields, patterns and bounds, and unknown fields refused ({@code kubectl apply} asks for
 * strict field validation since Kubernetes 1.27) unless {@code x-kubernetes-preserve-unknown-fields} says otherwise;
 * {@code x-kubernetes-int-or-string} is an integer or a string. Null values are dropped first, as the API server does for
 * fields that are not nullable. Not covered: CEL rules ({@code x-kubernetes-validations}), list-map keys, defaults.
 */
public final class CrdSchemas {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** By "group/plural" and by kind. */
    private final Map<String, Schema> byResource = new HashMap<>();
    private final Map<String, String> resourceOfKind = new HashMap<>();

    /** Every CRD in {@code dir} (deploy/base/crds). */
    public static CrdSchemas load(Path dir) throws IOException {
        CrdSchemas schemas = new CrdSchemas();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                String group = crd.at("/spec/group").asText();
                String plural = crd.at("/spec/names/plural").asText();
                JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
                ObjectNode top = (ObjectNode) strict(schema);
                ObjectNode properties = top.with("properties");
                properties.putObject("apiVersion").put("type", "string");
                properties.putObject("kind").put("type", "string");
                properties.putObject("metadata").put("type", "object");
                schemas.byResource.put(group + "/" + plural, registry.getSchema(JSON.writeValueAsString(top), InputFormat.JSON));
                schemas.resourceOfKind.put(crd.at("/spec/names/kind").asText(), group + "/" + plural);
            }
        }
        return schemas;
    }

    /** True when a CRD defines {@code group/plural}. */
    public boolean defines(String group, String plural) {
        return byResource.containsKey(group + "/" + plural);
    }

    /** The plural a kind is served as ({@code ConnectCluster} → {@code connectops.io/connectclusters}), or null. */
    public String resourceOfKind(String kind) {
        return resourceOfKind.get(kind);
    }

    /** What the API server would refuse in {@code object} (empty: accepted). */
    public List<String> validate(String group, String plural, JsonNode object) {
        Schema schema = byResource.get(group + "/" + plural);
        if (schema == null) {
            return List.of();
        }
        try {
            return schema.validate(JSON.writeValueAsString(withoutNulls(object)), InputFormat.JSON).stream()
                    .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A structural schema as a strict JSON schema. */
    private static JsonNode strict(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        if (object.path("x-kubernetes-int-or-string").asBoolean()) {
            object.remove("type");
            ArrayNode anyOf = object.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if (object.has("properties")) {
            object.get("properties").properties().forEach(p -> strict(p.getValue()));
            if (!preserve && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
        }
        if (object.has("items")) {
            strict(object.get("items"));
        }
        if (object.get("additionalProperties") instanceof ObjectNode additional) {
            strict(additional);
        }
        return object;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(p -> {
                if (!p.getValue().isNull()) {
                    copy.set(p.getKey(), withoutNulls(p.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(withoutNulls(v)));
            return copy;
        }
        return node;
    }
}
