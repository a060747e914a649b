package io.connectops.load;

import io.connectops.model.Diagnostic;
import io.connectops.yaml.YamlDocument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.model.SourceLocation;

/**
 * Typed reads of one mapping in a {@link YamlDocument}. Every problem (missing, wrong type, unknown
 * key) is added to a shared list with its location instead of thrown, so one run reports them all.
 */
public final class Fields {
    private final YamlDocument document;
    private final String pointer;
    private final JsonNode node;
    private final List<Diagnostic> problems;

    Fields(YamlDocument document, String pointer, JsonNode node, List<Diagnostic> problems) {
        this.document = document;
        this.pointer = pointer;
        this.node = node;
        this.problems = problems;
    }

    static Fields root(YamlDocument document, List<Diagnostic> problems) {
        return new Fields(document, "", document.root(), problems);
    }

    /** "spec.config" style path, for messages. */
    public String path(String field) {
        String base = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ".";
        return base + field;
    }

    public SourceLocation locationOf(String field) {
        return document.locationOf(pointer + "/" + YamlDocument.escape(field));
    }

    public SourceLocation location() {
        return document.locationOf(pointer);
    }

    public boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    /** The JSON pointer of {@code field} in this mapping. */
    String pointerOf(String field) {
        return pointer + "/" + YamlDocument.escape(field);
    }

    void problemAt(SourceLocation at, String message) {
        problems.add(new Diagnostic(at, message));
    }

    public void problem(String field, String message) {
        problems.add(new Diagnostic(field == null ? location() : locationOf(field), message));
    }

    /** Reports every key not in {@code allowed}, with the closest allowed key as a suggestion. */
    public void allowOnly(String... allowed) {
        List<String> known = Arrays.asList(allowed);
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                String suggestion = closest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
                problem(key, "unknown field '" + path(key) + "'" + suggestion + "; allowed here: " + String.join(", ", known));
            }
        });
    }

    /** The keys not in {@code known}: for formats of other tools, whose unknown fields are warnings, not errors. */
    public List<String> unknownKeys(String... known) {
        List<String> knownList = Arrays.asList(known);
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(key -> {
            if (!knownList.contains(key)) {
                unknown.add(key);
            }
        });
        return unknown;
    }

    /** The keys of mapping {@code field} whose values were filled in from secret variables. */
    java.util.Set<String> secretKeys(String field) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        JsonNode map = node.get(field);
        if (map != null && map.isObject()) {
            String base = pointer + "/" + YamlDocument.escape(field) + "/";
            map.fieldNames().forEachRemaining(key -> {
                if (document.isSecret(base + YamlDocument.escape(key))) {
                    keys.add(key);
                }
            });
        }
        return keys;
    }

    public JsonNode node() {
        return node;
    }

    YamlDocument document() {
        return document;
    }

    public String requiredString(String field) {
        if (!has(field)) {
            problem(null, "missing required field '" + path(field) + "'");
            return null;
        }
        return string(field);
    }

    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problem(field, "'" + path(field) + "' must be a text value, not a " + (value.isArray() ? "list" : "mapping"));
            return null;
        }
        return document.scalarText(pointer + "/" + YamlDocument.escape(field), value);
    }

    public Integer integer(String field, int min) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Integer result = null;
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            result = value.intValue();
        } else if (value.isTextual()) {
            try {
                result = Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (result == null || result < min) {
            problem(field, "'" + path(field) + "' must be a whole number of at least " + min + ", got '" + value.asText() + "'");
            return null;
        }
        return result;
    }

    /**
     * A number (a quota, a rate) of at least {@code min}; YAML may write it as a number or a quoted one.
     *
     * @return null when absent or wrong (the problem is reported)
     */
    public Double number(String field, double min) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Double result = null;
        if (value.isNumber()) {
            result = value.doubleValue();
        } else if (value.isTextual()) {
            try {
                result = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (result == null || result.isNaN() || result.isInfinite() || result < min) {
            problem(field, "'" + path(field) + "' must be a number of at least " + (min == Math.rint(min) ? Long.toString((long) min)
                    : Double.toString(min)) + ", got '" + value.asText() + "'");
            return null;
        }
        return result;
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        problem(field, "'" + path(field) + "' must be true or false, got '" + value.asText() + "'");
        return null;
    }

    /** An enum value, matched case-insensitively; the error lists the allowed values. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
        String text = string(field);
        if (text == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
        String suggestion = closest(text.toLowerCase(java.util.Locale.ROOT), allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
        problem(field, "'" + path(field) + "' is '" + text + "'" + suggestion + "; allowed: " + String.join(", ", allowed));
        return defaultValue;
    }

    /** A nested mapping, or null when absent (and a problem when it is something else). */
    public Fields object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(field, "'" + path(field) + "' must be a mapping (key: value lines)");
            return null;
        }
        return new Fields(document, pointer + "/" + YamlDocument.escape(field), value, problems);
    }

    /**
     * The mappings of list {@code field}, each with its own location; an item that is not a mapping is a
     * problem naming {@code what} an item is.
     */
    List<Fields> objectList(String field, String what) {
        JsonNode value = node.get(field);
        List<Fields> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problem(field, "'" + path(field) + "' must be a list of " + what);
            return result;
        }
        String base = pointer + "/" + YamlDocument.escape(field);
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            Fields fields = new Fields(document, base + "/" + i, item, problems);
            if (!item.isObject()) {
                fields.problem(null, "'" + path(field) + "[" + i + "]' must be a mapping: " + what);
                continue;
            }
            result.add(fields);
        }
        return result;
    }

    /** A mapping that is absent, as an empty one (for kinds whose spec may be left out). */
    public Fields objectOrEmpty(String field) {
        Fields present = object(field);
        return present != null ? present
                : new Fields(document, pointer + "/" + YamlDocument.escape(field), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), problems);
    }

    /** A mapping of scalars; numbers and booleans become their text. Nested values are problems. */
    public Map<String, String> stringMap(String field) {
        Fields map = object(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (map == null) {
            return result;
        }
        map.node.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                map.problem(e.getKey(), "'" + map.path(e.getKey()) + "' has no value: write a value, or remove the key"
                        + " (quote it, \"\", for an empty string)");
            } else if (!value.isValueNode()) {
                map.problem(e.getKey(), "'" + map.path(e.getKey()) + "' must be a single value; Connect configs are flat "
                        + "(write lists as comma-separated text)");
            } else {
                result.put(e.getKey(), map.document.scalarText(map.pointer + "/" + YamlDocument.escape(e.getKey()), value));
            }
        });
        return result;
    }

    /** A list of strings; a single string is accepted as a list of one. */
    List<String> stringList(String field) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isValueNode()) {
            result.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(item -> {
                if (item.isValueNode()) {
                    result.add(item.asText());
                } else {
                    problem(field, "'" + path(field) + "' must be a list of text values");
                }
            });
        } else {
            problem(field, "'" + path(field) + "' must be a list");
        }
        return result;
    }

    /** The closest candidate by edit distance, if it is close enough to be a likely typo. */
    static Optional<String> closest(String word, List<String> candidates) {
        return io.connectops.model.DidYouMean.closest(word, candidates);
    }
}
