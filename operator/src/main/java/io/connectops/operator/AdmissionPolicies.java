package io.connectops.operator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.PolicySpec;
import io.connectops.model.SourceLocation;
import io.connectops.policy.ObjectPaths;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * connectops' policies as Kubernetes {@code ValidatingAdmissionPolicy} + {@code ValidatingAdmissionPolicyBinding} for
 * its custom resources, so {@code kubectl apply} of a resource that breaks a rule is refused by the API server itself.
 * The rules are the same CEL; what differs is said where it is made: names by prefix and clusters become match
 * conditions, and under the API server a value from a secret is its {@code {{ name }}} template (connectops' own
 * check sees "(sensitive)"). An expression that reads a field the custom resource does not have is refused here with
 * the rule's file:line, as the API server would refuse it. ClientQuota has no custom resource and is left out.
 */
public final class AdmissionPolicies {
    static final String PREFIX = "connectops-";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private AdmissionPolicies() {
    }

    /**
     * The objects for {@code policies}, each policy and its binding.
     *
     * @throws InvalidInputException naming every rule that reads a field its kinds' custom resources do not have
     */
    public static List<HasMetadata> render(List<PolicySpec> policies) {
        CrdShapes shapes = new CrdShapes();
        List<Diagnostic> problems = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (PolicySpec policy : policies) {
            List<String> kinds = (policy.match().kinds().isEmpty() ? CrdShapes.PLURALS.keySet() : policy.match().kinds()).stream()
                    .filter(CrdShapes.PLURALS::containsKey).sorted().toList();
            if (kinds.isEmpty()) {
                continue; // only kinds without a custom resource (ClientQuota): nothing for the API server to check
            }
            List<MatchCondition> conditions = new ArrayList<>();
            List<String> names = policy.match().names();
            if (!names.isEmpty()) {
                conditions.add(condition("connectops-names", anyOf(names.stream().map(AdmissionPolicies::nameTest).toList())));
            }
            if (!policy.match().clusters().isEmpty()) {
                conditions.add(condition("connectops-clusters", "has(" + subject() + ".spec.cluster) && " + subject() + ".spec.cluster in "
                        + list(policy.match().clusters().stream().sorted().toList())));
            }
            int n = 0;
            for (PolicySpec.Condition condition : policy.matchConditions()) {
                n++;
                check(shapes, kinds, condition.expression(), condition.source(), policy, problems);
                conditions.add(condition(condition.name() != null ? condition.name() : "condition-" + n, condition.expression()));
            }
            List<Validation> validations = new ArrayList<>();
            for (PolicySpec.Validation validation : policy.validations()) {
                check(shapes, kinds, validation.expression(), validation.source(), policy, problems);
                if (validation.messageExpression() != null) {
                    check(shapes, kinds, validation.messageExpression(), validation.source(), policy, problems);
                }
                validations.add(new io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder()
                        .withExpression(validation.expression()).withMessage(oneLine(validation.message()))
                        .withMessageExpression(validation.messageExpression()).withReason("Invalid").build());
            }
            String name = PREFIX + policy.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
            Map<String, String> labels = Map.of(MANAGED_BY, "connectops");
            ValidatingAdmissionPolicy rendered = new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName(name).withLabels(labels)
                    .addToAnnotations("connectops.io/source", String.valueOf(policy.source())).endMetadata()
                    .withNewSpec()
                    .withFailurePolicy(policy.failurePolicy() == PolicySpec.FailurePolicy.IGNORE ? "Ignore" : "Fail")
                    .withNewMatchConstraints().addNewResourceRule().withApiGroups("connectops.io").withApiVersions("v1alpha1")
                    .withOperations(policy.match().operations().stream().map(Enum::name).sorted().toList())
                    .withResources(kinds.stream().map(CrdShapes.PLURALS::get).toList()).endResourceRule().endMatchConstraints()
                    .withMatchConditions(conditions).withValidations(validations).endSpec().build();
            ValidatingAdmissionPolicyBinding binding = new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata().withName(name)
                    .withLabels(labels).endMetadata()
                    .withNewSpec().withPolicyName(name)
                    .withValidationActions(policy.actions().contains(PolicySpec.Action.DENY) ? "Deny" : "Warn").endSpec().build();
            objects.add(rendered);
            objects.add(binding);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return objects;
    }

    private static MatchCondition condition(String name, String expression) {
        return new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder().withName(name).withExpression(expression)
                .build();
    }

    /** The resource a rule looks at: the object, or for a delete the one being deleted. */
    private static String subject() {
        return "(request.operation == 'DELETE' ? oldObject : object)";
    }

    private static String nameTest(String name) {
        return name.endsWith("*") ? subject() + ".metadata.name.startsWith(" + quote(name.substring(0, name.length() - 1)) + ")"
                : subject() + ".metadata.name == " + quote(name);
    }

    private static String anyOf(List<String> tests) {
        return String.join(" || ", tests);
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(AdmissionPolicies::quote).toList()) + "]";
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The API server refuses a message with a line break. */
    private static String oneLine(String message) {
        return message == null ? null : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static void check(CrdShapes shapes, List<String> kinds, String expression, SourceLocation at, PolicySpec policy,
                              List<Diagnostic> problems) {
        Set<String> missing = new LinkedHashSet<>();
        for (List<String> path : ObjectPaths.of(expression)) {
            for (String kind : kinds) {
                String why = shapes.missing(kind, path);
                if (why != null) {
                    missing.add(why);
                }
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new Diagnostic(at, "policy '" + policy.name() + "' cannot become an admission policy: " + String.join("; ", missing)
                    + " (narrow match.kinds, or test the field first)"));
        }
    }

    /**
     * Creates or updates the objects with {@code client}; an object of the same name that connectops did not render
     * (without its label) is left alone and reported.
     *
     * @return what was done, one line per object
     */
    public static List<String> apply(KubernetesClient client, List<HasMetadata> objects) {
        List<String> done = new ArrayList<>();
        for (HasMetadata object : objects) {
            HasMetadata existing = client.resource(object).get();
            String what = object.getKind() + " " + object.getMetadata().getName();
            if (existing != null && !"connectops".equals(existing.getMetadata().getLabels() == null ? null
                    : existing.getMetadata().getLabels().get(MANAGED_BY))) {
                done.add(what + ": exists and was not made by connectops: left alone");
                continue;
            }
            if (existing == null) {
                client.resource(object).create();
                done.add(what + ": created");
            } else {
                object.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                client.resource(object).update();
                done.add(what + ": updated");
            }
        }
        return done;
    }
}
