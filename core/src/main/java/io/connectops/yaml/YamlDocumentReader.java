package io.connectops.yaml;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;

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
        String[] lines = text.split("\r?\n", -1);
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Map<String, SourceLocation> locations = new HashMap<>();
                Map<String, String> numbers = new HashMap<>();
                Map<String, SourceLocation> blocks = new HashMap<>();
                SourceLocation start = location(file, parser.currentTokenLocation());
                JsonNode root = readValue(parser, token, new Context(file, lines, locations, numbers, blocks, problems), "");
                // An empty document (a trailing ---, only comments: kubectl, kustomize and Helm emit them) is skipped, as kubectl does.
                if (root != null && !root.isNull() && !(root.isTextual() && root.asText().isBlank())) {
                    documents.add(new YamlDocument(file, root, locations, numbers, start, java.util.Set.of(), blocks));
                }
            }
        } catch (JsonProcessingException e) {
            YamlSyntax.Problem syntax = YamlSyntax.of(file, e);
            if (syntax != null) {
                problems.add(new Diagnostic(syntax.at(), "malformed YAML: " + syntax.message()));
            } else {
                JsonLocation at = e.getLocation();
                String message = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
                problems.add(new Diagnostic(at == null ? new SourceLocation(file, 0, 0) : location(file, at), "malformed YAML: " + message));
            }
        } catch (IOException e) {
            problems.add(new Diagnostic(new SourceLocation(file, 0, 0), "cannot read: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return documents;
    }

    /** What one document's reading fills in. */
    private record Context(String file, String[] lines, Map<String, SourceLocation> locations, Map<String, String> numbers,
                           Map<String, SourceLocation> blocks, List<Diagnostic> problems) {
    }

    private static JsonNode readValue(JsonParser parser, JsonToken token, Context context, String pointer) throws IOException {
        String file = context.file();
        Map<String, SourceLocation> locations = context.locations();
        List<Diagnostic> problems = context.problems();
        if (parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml && yaml.isCurrentAlias()) {
            // The parser gives an alias's name, not its value: "file: *t" would silently become "t".
            problems.add(new Diagnostic(location(file, parser.currentTokenLocation()), "YAML aliases (*" + parser.getText()
                    + ") are not supported: write the value out in full"));
            return NODES.nullNode();
        }
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String child = pointer + "/" + YamlDocument.escape(key);
                    SourceLocation keyLocation = location(file, parser.currentTokenLocation());
                    JsonNode value = readValue(parser, parser.nextToken(), context, child);
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
                    array.add(readValue(parser, next, context, child));
                }
                return array;
            }
            case VALUE_STRING -> {
                recordBlock(parser.currentTokenLocation(), context, pointer);
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                // Keep the number as written ("1.50", "007") for configs, which Connect gets as strings.
                context.numbers().put(pointer, parser.getText());
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

    /**
     * For a literal block scalar ({@code |}), where its content starts: the line after the
     * indicator, and the content's indentation as the column. Lets a reader point at a line inside a
     * multi-line value (a jq program in a ConfigMap).
     */
    private static void recordBlock(JsonLocation at, Context context, String pointer) {
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (line < 1 || line > context.lines().length || column < 1) {
            return;
        }
        String text = context.lines()[line - 1];
        // Literal blocks only: a folded one (>) joins lines, so line i of the value is not line i of the block.
        if (column - 1 >= text.length() || text.charAt(column - 1) != '|') {
            return;
        }
        for (int next = line; next < context.lines().length; next++) {
            String content = context.lines()[next];
            if (!content.isBlank()) {
                int indent = content.length() - content.stripLeading().length();
                context.blocks().put(pointer, new SourceLocation(context.file(), next + 1, indent + 1));
                return;
            }
        }
    }

    private static SourceLocation location(String file, JsonLocation location) {
        return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
    }
}
