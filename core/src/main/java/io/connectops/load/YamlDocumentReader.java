package io.connectops.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectops.model.SourceLocation;

/**
 * Reads a stream of YAML documents (JSON is YAML too) into trees, recording the location of every key
 * and list item. Builds the tree from the parser's tokens itself because Jackson's tree model drops
 * locations, and so it can reject a key written twice in one mapping (YAML allows it silently).
 */
public final class YamlDocumentReader {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocumentReader() {
    }

    /** Parses every document in {@code text}; empty documents are skipped. */
    public static List<YamlDocument> read(String file, String text) {
        List<YamlDocument> documents = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Map<String, SourceLocation> locations = new HashMap<>();
                Map<String, String> numbers = new HashMap<>();
                SourceLocation start = location(file, parser.currentTokenLocation());
                JsonNode root = readValue(parser, token, file, "", locations, numbers, problems);
                if (root != null && !root.isNull()) {
                    documents.add(new YamlDocument(file, root, locations, numbers, start));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
            problems.add(new Diagnostic(at == null ? new SourceLocation(file, 0, 0) : location(file, at),
                    "malformed YAML: " + message));
        } catch (IOException e) {
            problems.add(new Diagnostic(new SourceLocation(file, 0, 0), "cannot read: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return documents;
    }

    private static JsonNode readValue(JsonParser parser, JsonToken token, String file, String pointer,
                                      Map<String, SourceLocation> locations, Map<String, String> numbers,
                                      List<Diagnostic> problems) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String child = pointer + "/" + YamlDocument.escape(key);
                    SourceLocation keyLocation = location(file, parser.currentTokenLocation());
                    JsonNode value = readValue(parser, parser.nextToken(), file, child, locations, numbers, problems);
                    if (object.has(key)) {
                        problems.add(new Diagnostic(keyLocation, "key '" + key + "' is set twice in the same mapping (first at line "
                                + locations.get(child).line() + "): keep one"));
                        continue;
                    }
                    locations.put(child, keyLocation);
                    object.set(key, value);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    String child = pointer + "/" + array.size();
                    locations.put(child, location(file, parser.currentTokenLocation()));
                    array.add(readValue(parser, next, file, child, locations, numbers, problems));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                // Keep the number as written ("1.50", "007") for configs, which Connect gets as strings.
                numbers.put(pointer, parser.getText());
                return token == JsonToken.VALUE_NUMBER_INT ? NODES.numberNode(parser.getBigIntegerValue())
                        : NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                // Embedded objects (YAML binary) and anything else: keep the text.
                return NODES.textNode(parser.getText());
            }
        }
    }

    private static SourceLocation location(String file, JsonLocation location) {
        return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
    }
}
