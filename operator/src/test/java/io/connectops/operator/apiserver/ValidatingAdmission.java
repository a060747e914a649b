package io.connectops.operator.apiserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.CelKind;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import io.connectops.policy.CelPrograms;

/**
 * The API server's ValidatingAdmissionPolicy plugin, for creates: the policies and bindings created through the mock
 * (each first checked by {@link AdmissionRegistrationRules}, 422 otherwise), then every custom resource created is
 * checked against the bound policies whose resource rules match it, with its body as {@code object}. A false Deny
 * rule refuses the create (422, the API server's message); match conditions and failurePolicy as the API server
 * applies them. Updates and deletes ({@code oldObject}) are not modelled: only a real cluster shows them.
 */
final class ValidatingAdmission {
    static final String GROUP = "admissionregistration.k8s.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> policies = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> bindings = new ConcurrentHashMap<>();
    private final CelPrograms cel = new CelPrograms();

    /** Records a policy or binding being created or replaced; the reasons it is invalid, if it is (then it is not recorded). */
    List<String> register(RequestAttributes a, JsonNode body) {
        List<String> problems = new ArrayList<>(a.resource().equals("validatingadmissionpolicies") ? AdmissionRegistrationRules.policy(body)
                : a.resource().equals("validatingadmissionpolicybindings") ? AdmissionRegistrationRules.binding(body) : List.of());
        if (a.resource().equals("validatingadmissionpolicies")) {
            // The API server compiles every expression, and the type must be exactly bool (a message: string).
            compiles(body.at("/spec/matchConditions"), "expression", CelKind.BOOL, "spec.matchConditions", problems);
            compiles(body.at("/spec/validations"), "expression", CelKind.BOOL, "spec.validations", problems);
            compiles(body.at("/spec/validations"), "messageExpression", CelKind.STRING, "spec.validations", problems);
        }
        if (problems.isEmpty()) {
            String name = body.at("/metadata/name").asText();
            (a.resource().equals("validatingadmissionpolicies") ? policies : bindings).put(name, body);
        }
        return problems;
    }

    private void compiles(JsonNode items, String field, CelKind type, String at, List<String> problems) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode expression = items.get(i).get(field);
            if (expression == null) {
                continue;
            }
            try {
                cel.compile(expression.asText(), Set.of(type));
            } catch (CelPrograms.Invalid e) {
                problems.add(at + "[" + i + "]." + field + ": Invalid value: compilation failed: " + e.getMessage());
            }
        }
    }

    /** Why the bound policies deny creating {@code body} as {@code a}, or null when they admit it. */
    String denied(RequestAttributes a, JsonNode body) {
        Map<String, Object> object = JSON.convertValue(body, new TypeReference<Map<String, Object>>() { });
        Map<String, Object> variables = new HashMap<>();
        variables.put("object", longs(object));
        variables.put("oldObject", NullValue.NULL_VALUE);
        variables.put("request", Map.of("operation", "CREATE", "namespace", a.namespace() == null ? "" : a.namespace()));
        variables.put("params", NullValue.NULL_VALUE);
        List<String> denials = new ArrayList<>();
        for (JsonNode binding : bindings.values()) {
            JsonNode policy = policies.get(binding.at("/spec/policyName").asText());
            if (policy == null || !matches(policy, a)) {
                continue;
            }
            boolean deny = false;
            for (JsonNode action : binding.at("/spec/validationActions")) {
                deny |= action.asText().equals("Deny");
            }
            boolean fail = !policy.at("/spec/failurePolicy").asText("Fail").equals("Ignore");
            String why = evaluate(policy, variables, fail);
            if (why != null && deny) {
                denials.add("ValidatingAdmissionPolicy '" + policy.at("/metadata/name").asText() + "' with binding '"
                        + binding.at("/metadata/name").asText() + "' denied request: " + why);
            }
        }
        return denials.isEmpty() ? null : String.join("; ", denials);
    }

    private static boolean matches(JsonNode policy, RequestAttributes a) {
        for (JsonNode rule : policy.at("/spec/matchConstraints/resourceRules")) {
            if (contains(rule.path("apiGroups"), a.group()) && contains(rule.path("resources"), a.resource())
                    && contains(rule.path("operations"), "CREATE")) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value) || item.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** The first failed rule's message; null when every rule holds (or the match conditions exclude the object). */
    private String evaluate(JsonNode policy, Map<String, Object> variables, boolean fail) {
        try {
            for (JsonNode condition : policy.at("/spec/matchConditions")) {
                if (!Boolean.TRUE.equals(cel.compile(condition.path("expression").asText(), Set.of(CelKind.BOOL)).eval(variables))) {
                    return null;
                }
            }
            for (JsonNode validation : policy.at("/spec/validations")) {
                Object result = cel.compile(validation.path("expression").asText(), Set.of(CelKind.BOOL)).eval(variables);
                if (!Boolean.TRUE.equals(result)) {
                    return message(validation, variables);
                }
            }
            return null;
        } catch (CelPrograms.Invalid | CelEvaluationException e) {
            return fail ? "expression could not be evaluated: " + e.getMessage() : null;
        }
    }

    private String message(JsonNode validation, Map<String, Object> variables) {
        if (validation.hasNonNull("messageExpression")) {
            try {
                Object text = cel.compile(validation.path("messageExpression").asText(), Set.of(CelKind.STRING)).eval(variables);
                if (text instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelPrograms.Invalid | CelEvaluationException e) {
                // the API server falls back to the message
            }
        }
        return validation.hasNonNull("message") ? validation.path("message").asText()
                : "failed expression: " + validation.path("expression").asText();
    }

    /** JSON as CEL sees a custom resource: integers are longs, null is CEL's null. */
    @SuppressWarnings("unchecked")
    private static Object longs(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new HashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, longs(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValidatingAdmission::longs).toList();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }
}
