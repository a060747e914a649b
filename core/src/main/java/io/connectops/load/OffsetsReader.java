package io.connectops.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.model.ConnectorOffset;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.OffsetsSpec;
import io.connectops.yaml.YamlDocument;
import io.connectops.yaml.YamlDocumentReader;

/**
 * Connector offsets as written by hand: the list Kafka Connect's {@code GET /connectors/{n}/offsets} gives
 * ({@code offsets: [{partition: {...}, offset: {...}}]}), in a file for {@code connectops offsets set}, or in a
 * connector's {@code spec.offsets.set}. Partition and offset are flat mappings of scalars, as Connect stores them.
 */
public final class OffsetsReader {
    /** More entries than a hand-written change has: a bound for an untrusted file. */
    static final int MAX_ENTRIES = 10_000;

    private OffsetsReader() {
    }

    /** A file holding Connect's answer ({@code {"offsets": [...]}}, JSON or YAML); problems name the file and line. */
    public static List<ConnectorOffset> readFile(String file, String text) {
        List<YamlDocument> documents = YamlDocumentReader.read(file, text);
        List<Diagnostic> problems = new ArrayList<>();
        if (documents.size() != 1) {
            throw new InvalidInputException(List.of(new Diagnostic(new io.connectops.model.SourceLocation(file, 0, 0),
                    "expected one document with 'offsets: [{partition: {...}, offset: {...}}]' (what 'connectops offsets get NAME -o json' "
                            + "prints), found " + documents.size())));
        }
        Fields root = Fields.root(documents.get(0), problems);
        root.allowOnly("offsets");
        if (!root.has("offsets")) {
            root.problem(null, "missing 'offsets': a list of {partition: {...}, offset: {...}}");
        }
        List<ConnectorOffset> offsets = entries(root, "offsets");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return offsets;
    }

    /** {@code spec.offsets} of a connector: {@code token} and either {@code reset: true} or {@code set: [...]}. */
    static OffsetsSpec spec(Fields offsets) {
        offsets.allowOnly("token", "reset", "set");
        String token = offsets.requiredString("token");
        boolean reset = Boolean.TRUE.equals(offsets.bool("reset"));
        List<ConnectorOffset> set = entries(offsets, "set");
        if (reset == offsets.has("set")) {
            offsets.problem(null, "'spec.offsets' needs either 'reset: true' or 'set: [...]' (one of them)");
        }
        return token == null ? null : new OffsetsSpec(token, reset, set, offsets.location());
    }

    private static List<ConnectorOffset> entries(Fields parent, String field) {
        List<ConnectorOffset> offsets = new ArrayList<>();
        List<Fields> items = parent.objectList(field, "{partition: {...}, offset: {...}}");
        if (items.size() > MAX_ENTRIES) {
            parent.problem(field, "more than " + MAX_ENTRIES + " offsets: split the change");
            return offsets;
        }
        for (Fields item : items) {
            item.allowOnly("partition", "offset");
            Map<String, Object> partition = flat(item, "partition", true);
            Map<String, Object> offset = flat(item, "offset", false);
            if (partition != null) {
                offsets.add(new ConnectorOffset(partition, offset));
            }
        }
        return offsets;
    }

    /** A flat mapping of scalars (numbers stay numbers); null when absent or wrong (a problem then). */
    private static Map<String, Object> flat(Fields item, String field, boolean required) {
        JsonNode node = item.node().get(field);
        if (node == null || node.isNull()) {
            if (required) {
                item.problem(null, "'" + item.path(field) + "' is required: the partition as Connect gives it (e.g. {filename: /data/in.txt})");
            }
            return null;
        }
        Fields map = item.object(field);
        if (map == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.node().fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull()) {
                map.problem(e.getKey(), "'" + map.path(e.getKey()) + "' must be a single value (text, number or true/false)");
            } else if (value.isNumber()) {
                values.put(e.getKey(), value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue());
            } else if (value.isBoolean()) {
                values.put(e.getKey(), value.booleanValue());
            } else {
                values.put(e.getKey(), value.asText());
            }
        });
        return values;
    }
}
