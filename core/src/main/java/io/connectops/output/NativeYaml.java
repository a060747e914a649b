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
