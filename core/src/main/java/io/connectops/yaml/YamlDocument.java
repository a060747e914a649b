package io.connectops.yaml;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.model.SourceLocation;

/**
 * One parsed YAML/JSON document and where each of its keys and items sits in the file, by JSON
 * pointer ("/spec/config/topics"), so every later error can name file, line and column. Numbers keep
 * the text they were written with. After rendering, {@code secretPointers} says which values were
 * filled in from secret variables; {@code blockStarts} where multi-line block scalars begin.
 */
public record YamlDocument(String file, JsonNode root, Map<String, SourceLocation> locations,
                           Map<String, String> numberTexts, SourceLocation start, Set<String> secretPointers,
                           Map<String, SourceLocation> blockStarts) {
    public YamlDocument {
        secretPointers = Set.copyOf(secretPointers);
        blockStarts = Map.copyOf(blockStarts);
    }

    public YamlDocument(String file, JsonNode root, Map<String, SourceLocation> locations, Map<String, String> numberTexts,
                        SourceLocation start) {
        this(file, root, locations, numberTexts, start, Set.of(), Map.of());
    }

    /** The same document with variables filled in: same locations, the pointers of values that hold secrets. */
    public YamlDocument rendered(JsonNode renderedRoot, Set<String> secrets) {
        return new YamlDocument(file, renderedRoot, locations, numberTexts, start, secrets, blockStarts);
    }

    /**
     * Where line {@code index} (0-based) of the block scalar at {@code pointer} is in the file, with
     * {@code column} (0-based) inside that line; null when the value is not a block scalar.
     */
    public SourceLocation inBlock(String pointer, int index, int column) {
        SourceLocation block = blockStarts.get(pointer);
        return block == null ? null : new SourceLocation(file, block.line() + index, block.column() + column);
    }

    /** The value at {@code pointer} as a document of its own, its locations re-keyed (an item of a {@code kind: List}). */
    public YamlDocument subDocument(String pointer) {
        java.util.function.Function<Map<String, SourceLocation>, Map<String, SourceLocation>> rekey = map -> {
            Map<String, SourceLocation> result = new java.util.HashMap<>();
            map.forEach((p, location) -> {
                if (p.startsWith(pointer + "/")) {
                    result.put(p.substring(pointer.length()), location);
                }
            });
            return result;
        };
        Map<String, String> numbers = new java.util.HashMap<>();
        numberTexts.forEach((p, text) -> {
            if (p.startsWith(pointer + "/")) {
                numbers.put(p.substring(pointer.length()), text);
            }
        });
        return new YamlDocument(file, root.at(pointer), rekey.apply(locations), numbers, locationOf(pointer), Set.of(),
                rekey.apply(blockStarts));
    }

    public boolean isSecret(String pointer) {
        return secretPointers.contains(pointer);
    }

    /** A scalar as text: numbers exactly as written, booleans as true/false, strings as they are. */
    public String scalarText(String pointer, JsonNode node) {
        if (node.isNumber()) {
            return numberTexts.getOrDefault(pointer, node.asText());
        }
        return node.asText();
    }

    public SourceLocation locationOf(String pointer) {
        String p = pointer;
        while (true) {
            SourceLocation location = locations.get(p);
            if (location != null) {
                return location;
            }
            int cut = p.lastIndexOf('/');
            if (cut <= 0) {
                return start;
            }
            p = p.substring(0, cut);
        }
    }

    /** Escapes a key for use in a JSON pointer (RFC 6901). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
