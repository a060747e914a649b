package io.connectops.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;

/**
 * A {@link ConnectorSpec} written as connectops' own YAML ({@code connectops.io/v1alpha1 Connector}):
 * what {@code export} writes from a live cluster and {@code convert} writes from another tool's format.
 */
public final class NativeYaml {
    /** Labels that other formats use to carry what the native spec has fields for. */
    static final Set<String> CONSUMED_LABELS = Set.of("destination", "enabled", "strimzi.io/cluster", "connectops.io/cluster");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build());

    private NativeYaml() {
    }

    /**
     * @param replaceValue decides what each config value is written as (export hides secrets with it);
     *                     receives key and value
     */
    public static String connector(ConnectorSpec spec, java.util.function.BinaryOperator<String> replaceValue) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "connectops.io/v1alpha1");
        doc.put("kind", "Connector");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", spec.name());
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.keySet().removeAll(CONSUMED_LABELS);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        doc.put("metadata", metadata);
        Map<String, Object> specMap = new LinkedHashMap<>();
        if (spec.cluster() != null && !spec.cluster().equals(ConnectClusterSpec.DEFAULT_NAME)) {
            specMap.put("cluster", spec.cluster());
        }
        specMap.put("class", spec.connectorClass());
        if (spec.tasksMax() != null) {
            specMap.put("tasksMax", spec.tasksMax());
        }
        if (spec.state() != DesiredState.RUNNING) {
            specMap.put("state", spec.state().yamlName());
        }
        if (!spec.restartPolicy().equals(RestartPolicy.DEFAULT)) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("type", spec.restartPolicy().type().name());
            if (spec.restartPolicy().type() == RestartPolicy.Type.OnFailure) {
                policy.put("maxRetries", spec.restartPolicy().maxRetries());
            }
            specMap.put("restartPolicy", policy);
        }
        if (spec.offsets() != null) {
            Map<String, Object> offsets = new LinkedHashMap<>();
            offsets.put("token", spec.offsets().token());
            if (spec.offsets().reset()) {
                offsets.put("reset", true);
            } else {
                offsets.put("set", spec.offsets().set().stream().map(o -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("partition", o.partition());
                    entry.put("offset", o.offset());
                    return entry;
                }).toList());
            }
            specMap.put("offsets", offsets);
        }
        if (spec.restartToken() != null) {
            specMap.put("restartToken", spec.restartToken());
        }
        Map<String, String> config = new TreeMap<>();
        spec.config().forEach((k, v) -> config.put(k, replaceValue.apply(k, v)));
        if (!config.isEmpty()) {
            specMap.put("config", config);
        }
        doc.put("spec", specMap);
        return write(doc);
    }

    /** A topic as connectops' own {@code Topic} (what {@code convert} prints for Strimzi, CFK and ccloud topics). */
    public static String topic(io.connectops.model.TopicSpec topic) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (topic.cluster() != null) {
            spec.put("cluster", topic.cluster());
        }
        if (topic.partitions() != null) {
            spec.put("partitions", topic.partitions());
        }
        if (topic.replicationFactor() != null) {
            spec.put("replicationFactor", topic.replicationFactor());
        }
        if (!topic.config().isEmpty()) {
            spec.put("config", new TreeMap<>(topic.config()));
        }
        return document("Topic", topic.name(), spec);
    }

    /** A principal's ACL set as an {@code Acl}, one rule per operation. */
    public static String acl(io.connectops.model.AclSpec acl) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (acl.cluster() != null) {
            spec.put("cluster", acl.cluster());
        }
        spec.put("principal", acl.principal());
        spec.put("rules", rules(acl.rules()));
        String name = acl.principal().substring(acl.principal().indexOf(':') + 1);
        return document("Acl", name, spec);
    }

    /** A user as a {@code User}; a password is only ever written as the template it came from. */
    public static String user(io.connectops.model.UserSpec user) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (user.cluster() != null) {
            spec.put("cluster", user.cluster());
        }
        spec.put("mechanism", user.mechanism().label());
        if (user.password() != null) {
            spec.put("password", io.connectops.render.Templates.hasTemplate(user.password()) ? user.password() : "{{ " + user.name() + ".password }}");
        }
        if (user.passwordFile() != null) {
            spec.put("passwordFile", user.passwordFile());
        }
        if (user.rotateToken() != null) {
            spec.put("rotateToken", user.rotateToken());
        }
        return document("User", user.name(), spec);
    }

    private static List<Map<String, Object>> rules(List<io.connectops.model.AclSpec.Rule> rules) {
        // One rule line per resource and permission, with its operations together, as people write them.
        Map<String, Map<String, Object>> grouped = new LinkedHashMap<>();
        for (io.connectops.model.AclSpec.Rule rule : rules) {
            String key = rule.resourceType() + "\u0000" + rule.resourceName() + "\u0000" + rule.patternType() + "\u0000" + rule.permission()
                    + "\u0000" + rule.host();
            Map<String, Object> line = grouped.computeIfAbsent(key, k -> {
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("resource", rule.resourceType().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                if (rule.resourceType() != io.connectops.model.AclSpec.ResourceType.CLUSTER) {
                    created.put("name", rule.resourceName());
                }
                if (rule.patternType() == io.connectops.model.AclSpec.PatternType.PREFIXED) {
                    created.put("patternType", "prefixed");
                }
                created.put("operations", new java.util.ArrayList<String>());
                if (rule.permission() == io.connectops.model.AclSpec.Permission.DENY) {
                    created.put("permission", "deny");
                }
                if (!"*".equals(rule.host())) {
                    created.put("host", rule.host());
                }
                return created;
            });
            @SuppressWarnings("unchecked")
            List<String> operations = (List<String>) line.get("operations");
            operations.add(rule.operation().label());
        }
        return new java.util.ArrayList<>(grouped.values());
    }

    private static String document(String kind, String name, Map<String, Object> spec) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "connectops.io/v1alpha1");
        doc.put("kind", kind);
        doc.put("metadata", Map.of("name", name));
        doc.put("spec", spec);
        return write(doc);
    }

    /** Several documents, each after a {@code ---} line. */
    public static String documents(List<String> documents) {
        StringBuilder all = new StringBuilder();
        documents.forEach(d -> all.append("---\n").append(d).append(d.endsWith("\n") ? "" : "\n"));
        return all.toString();
    }

    private static String write(Object doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }
}
