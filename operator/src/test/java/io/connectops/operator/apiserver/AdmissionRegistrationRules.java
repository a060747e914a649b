package io.connectops.operator.apiserver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the API server checks when a {@code ValidatingAdmissionPolicy} or its binding ({@code admissionregistration.k8s.io/v1})
 * is created, written from the API's reference and its validation (docs/policies.md says what only a cluster shows): the
 * shape, required fields and enumerations of the objects, names, and the rules between fields.
 */
final class AdmissionRegistrationRules {
    private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Set<String> OPERATIONS = Set.of("*", "CREATE", "UPDATE", "DELETE", "CONNECT");
    private static final Set<String> REASONS = Set.of("Forbidden", "Invalid", "RequestEntityTooLarge"); // Unauthorized is refused
    private static final Set<String> ACTIONS = Set.of("Deny", "Warn", "Audit");
    private static final Set<String> POLICY_SPEC = Set.of("paramKind", "matchConstraints", "validations", "failurePolicy", "auditAnnotations",
            "matchConditions", "variables");
    private static final Set<String> RULE = Set.of("apiGroups", "apiVersions", "resources", "resourceNames", "operations", "scope");
    private static final Set<String> VALIDATION = Set.of("expression", "message", "messageExpression", "reason");

    private AdmissionRegistrationRules() {
    }

    static List<String> policy(JsonNode object) {
        List<String> problems = new ArrayList<>();
        name(object, problems);
        JsonNode spec = object.path("spec");
        unknown(spec, POLICY_SPEC, "spec", problems);
        String failure = spec.path("failurePolicy").asText("Fail");
        if (!failure.equals("Fail") && !failure.equals("Ignore")) {
            problems.add("spec.failurePolicy: Unsupported value: \"" + failure + "\": supported values: \"Fail\", \"Ignore\"");
        }
        JsonNode constraints = spec.path("matchConstraints");
        if (constraints.isMissingNode()) {
            problems.add("spec.matchConstraints: Required value");
        }
        String matchPolicy = constraints.path("matchPolicy").asText("Equivalent");
        if (!matchPolicy.equals("Exact") && !matchPolicy.equals("Equivalent")) {
            problems.add("spec.matchConstraints.matchPolicy: Unsupported value: \"" + matchPolicy + "\"");
        }
        JsonNode rules = constraints.path("resourceRules");
        if (!rules.isArray() || rules.isEmpty()) {
            problems.add("spec.matchConstraints.resourceRules: Required value");
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(rules.get(i), "spec.matchConstraints.resourceRules[" + i + "]", problems);
        }
        JsonNode validations = spec.path("validations");
        if ((!validations.isArray() || validations.isEmpty()) && spec.path("auditAnnotations").isEmpty()) {
            problems.add("spec.validations: Required value: validations or auditAnnotations must contain at least one item");
        }
        for (int i = 0; i < validations.size(); i++) {
            validation(validations.get(i), "spec.validations[" + i + "]", problems);
        }
        JsonNode conditions = spec.path("matchConditions");
        if (conditions.size() > 64) {
            problems.add("spec.matchConditions: Too many: " + conditions.size() + ": must have at most 64 items");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode condition = conditions.get(i);
            String name = condition.path("name").asText("");
            if (!name.matches(QUALIFIED_NAME) || name.length() > 63) {
                problems.add("spec.matchConditions[" + i + "].name: Invalid value: \"" + name + "\": a qualified name");
            } else if (!names.add(name)) {
                problems.add("spec.matchConditions[" + i + "].name: Duplicate value: \"" + name + "\"");
            }
            if (condition.path("expression").asText("").isBlank()) {
                problems.add("spec.matchConditions[" + i + "].expression: Required value");
            }
        }
        return problems;
    }

    static List<String> binding(JsonNode object) {
        List<String> problems = new ArrayList<>();
        name(object, problems);
        JsonNode spec = object.path("spec");
        unknown(spec, Set.of("policyName", "paramRef", "matchResources", "validationActions"), "spec", problems);
        if (spec.path("policyName").asText("").isBlank()) {
            problems.add("spec.policyName: Required value");
        }
        JsonNode actions = spec.path("validationActions");
        if (!actions.isArray() || actions.isEmpty()) {
            problems.add("spec.validationActions: Required value: at least one validation action is required");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode action : actions) {
            if (!ACTIONS.contains(action.asText())) {
                problems.add("spec.validationActions: Unsupported value: \"" + action.asText() + "\"");
            } else if (!seen.add(action.asText())) {
                problems.add("spec.validationActions: Duplicate value: \"" + action.asText() + "\"");
            }
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            problems.add("spec.validationActions: Invalid value: Deny and Warn may not be used together");
        }
        return problems;
    }

    private static void name(JsonNode object, List<String> problems) {
        String name = object.at("/metadata/name").asText("");
        if (name.length() > 253 || !name.matches(DNS_SUBDOMAIN)) {
            problems.add("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain");
        }
    }

    private static void rule(JsonNode rule, String at, List<String> problems) {
        unknown(rule, RULE, at, problems);
        for (String field : List.of("apiGroups", "apiVersions", "resources", "operations")) {
            JsonNode values = rule.path(field);
            if (!values.isArray() || values.isEmpty()) {
                problems.add(at + "." + field + ": Required value");
                continue;
            }
            for (JsonNode value : values) {
                if (value.asText().isEmpty() && !field.equals("apiGroups")) { // "" is the core group
                    problems.add(at + "." + field + ": Invalid value: an empty string");
                }
                if (field.equals("operations") && !OPERATIONS.contains(value.asText())) {
                    problems.add(at + ".operations: Unsupported value: \"" + value.asText() + "\"");
                }
            }
            if (values.size() > 1 && values.toString().contains("\"*\"") && !field.equals("resources")) {
                problems.add(at + "." + field + ": Invalid value: if '*' is present, must not specify other values");
            }
        }
    }

    private static void validation(JsonNode validation, String at, List<String> problems) {
        unknown(validation, VALIDATION, at, problems);
        if (validation.path("expression").asText("").isBlank()) {
            problems.add(at + ".expression: Required value: expression is not specified");
        }
        String message = validation.path("message").asText("");
        if (message.contains("\n") || message.contains("\r")) {
            problems.add(at + ".message: Invalid value: message must not contain line breaks");
        }
        if (validation.has("message") && message.isBlank()) {
            problems.add(at + ".message: Invalid value: message must be non-empty if specified");
        }
        if (validation.has("reason") && !REASONS.contains(validation.path("reason").asText())) {
            problems.add(at + ".reason: Unsupported value: \"" + validation.path("reason").asText() + "\"");
        }
    }

    private static void unknown(JsonNode node, Set<String> known, String at, List<String> problems) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(at + "." + field + ": unknown field");
            }
        });
    }
}
