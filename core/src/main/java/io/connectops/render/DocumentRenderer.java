package io.connectops.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.connectops.model.Diagnostic;
import io.connectops.yaml.YamlDocument;

/**
 * Stage 2 of the data flow, on a parsed document: fills {@code {{ ... }}} templates in every string
 * value (never in keys), keeping each value's file:line, and records which values hold secrets. A
 * reference to an undefined variable is a problem naming the file, the line, the key and the variable.
 */
public final class DocumentRenderer {
    private DocumentRenderer() {
    }

    public static YamlDocument render(YamlDocument document, Variables variables, List<Diagnostic> problems) {
        if (!containsTemplate(document.root())) {
            return document;
        }
        Set<String> secrets = new HashSet<>();
        JsonNode root = renderNode(document, "", document.root().deepCopy(), variables, problems, secrets);
        if (secrets.contains("/metadata/name")) {
            problems.add(new Diagnostic(document.locationOf("/metadata/name"), "in 'metadata.name': the name is made from a secret "
                    + "variable, and a name prints everywhere (plans, status, Connect's own logs): make it from ordinary variables"));
        }
        return document.rendered(root, secrets);
    }

    private static JsonNode renderNode(YamlDocument document, String pointer, JsonNode node, Variables variables,
                                       List<Diagnostic> problems, Set<String> secrets) {
        if (node.isTextual()) {
            Templates.Rendered rendered = Templates.render(node.textValue(), variables);
            for (String problem : rendered.problems()) {
                problems.add(new Diagnostic(document.locationOf(pointer), "in '" + path(pointer) + "': " + problem));
            }
            if (rendered.secret()) {
                secrets.add(pointer);
            }
            return rendered.text().equals(node.textValue()) ? node : TextNode.valueOf(rendered.text());
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, renderNode(document, pointer + "/" + YamlDocument.escape(name), object.get(name), variables, problems, secrets));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, renderNode(document, pointer + "/" + i, array.get(i), variables, problems, secrets));
            }
        }
        return node;
    }

    private static boolean containsTemplate(JsonNode node) {
        if (node.isTextual()) {
            return Templates.hasTemplate(node.textValue());
        }
        Iterator<JsonNode> children = node.elements();
        while (children.hasNext()) {
            if (containsTemplate(children.next())) {
                return true;
            }
        }
        return false;
    }

    /** "/spec/config/a.b" as "spec.config.a.b", for messages. */
    static String path(String pointer) {
        if (pointer.isEmpty()) {
            return "(document)";
        }
        return java.util.Arrays.stream(pointer.substring(1).split("/", -1))
                .map(part -> part.replace("~1", "/").replace("~0", "~"))
                .collect(java.util.stream.Collectors.joining("."));
    }
}
