package io.connectops.operator.apiserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The permissions the rendered manifests grant the operator's ServiceAccount: the rules of every Role and ClusterRole a
 * RoleBinding or ClusterRoleBinding binds to it. Rules are matched as the API server's RBAC authorizer matches them
 * (group, resource or resource/subresource, verb, {@code *} wildcards, resourceNames). Namespaces are not told apart:
 * the tests' namespaces stand for the ones the overlay binds the Role in.
 */
public final class RenderedRbac {
    public static final String SERVICE_ACCOUNT = "connectops-operator";

    private record Rule(Set<String> groups, Set<String> resources, Set<String> verbs, Set<String> names) {
        boolean allows(RequestAttributes request) {
            return matches(groups, request.group()) && matches(resources, request.ruleResource()) && matches(verbs, request.verb())
                    && (names.isEmpty() || (request.name() != null && names.contains(request.name())));
        }

        private static boolean matches(Set<String> granted, String wanted) {
            return granted.contains("*") || granted.contains(wanted);
        }
    }

    private final List<Rule> rules;

    private RenderedRbac(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** From the documents {@code kubectl kustomize} rendered. */
    public static RenderedRbac of(List<JsonNode> documents) {
        Map<String, JsonNode> roles = new HashMap<>();
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText();
            if (kind.equals("Role") || kind.equals("ClusterRole")) {
                roles.put(kind + "/" + doc.at("/metadata/name").asText(), doc);
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText();
            if (!kind.equals("RoleBinding") && !kind.equals("ClusterRoleBinding")) {
                continue;
            }
            boolean toUs = false;
            for (JsonNode subject : doc.path("subjects")) {
                toUs |= subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(SERVICE_ACCOUNT);
            }
            JsonNode role = roles.get(doc.at("/roleRef/kind").asText() + "/" + doc.at("/roleRef/name").asText());
            if (toUs && role != null) {
                role.path("rules").forEach(r -> rules.add(new Rule(set(r.path("apiGroups")), set(r.path("resources")), set(r.path("verbs")),
                        set(r.path("resourceNames")))));
            }
        }
        return new RenderedRbac(rules);
    }

    private static Set<String> set(JsonNode array) {
        Set<String> values = new java.util.HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    public boolean allows(RequestAttributes request) {
        return rules.stream().anyMatch(rule -> rule.allows(request));
    }
}
