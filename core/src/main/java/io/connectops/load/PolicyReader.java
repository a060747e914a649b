package io.connectops.load;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.connectops.model.PolicySpec;

/**
 * Reads a {@code Policy} document. Its expressions are code, not configuration: the document is read as written
 * (never rendered with variables), and the expressions are compiled by the policy stage.
 */
final class PolicyReader {
    static final List<String> KINDS = List.of("Connector", "ConnectCluster", "KafkaCluster", "Topic", "Acl", "User", "ClientQuota");

    private PolicyReader() {
    }

    static PolicySpec policy(Fields doc) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.object("spec");
        doc.allowOnly("apiVersion", "kind", "metadata", "spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'validations')");
            return null;
        }
        spec.allowOnly("match", "matchConditions", "validations", "validationActions", "failurePolicy");
        PolicySpec.Match match = match(spec.object("match"));
        List<PolicySpec.Condition> conditions = new ArrayList<>();
        for (Fields condition : spec.objectList("matchConditions", "a condition")) {
            condition.allowOnly("name", "expression");
            String expression = condition.requiredString("expression");
            if (expression != null) {
                conditions.add(new PolicySpec.Condition(condition.string("name"), expression, condition.locationOf("expression")));
            }
        }
        List<PolicySpec.Validation> validations = new ArrayList<>();
        for (Fields validation : spec.objectList("validations", "a validation")) {
            validation.allowOnly("expression", "message", "messageExpression", "reason");
            String expression = validation.requiredString("expression");
            if (expression != null) {
                validations.add(new PolicySpec.Validation(expression, validation.string("message"), validation.string("messageExpression"),
                        validation.locationOf("expression")));
            }
        }
        if (validations.isEmpty() && !spec.has("validations")) {
            spec.problem(null, "missing required field 'spec.validations': a policy has at least one rule");
        }
        Set<PolicySpec.Action> actions = EnumSet.noneOf(PolicySpec.Action.class);
        for (String action : spec.stringList("validationActions")) {
            switch (action) {
                case "Deny" -> actions.add(PolicySpec.Action.DENY);
                case "Warn" -> actions.add(PolicySpec.Action.WARN);
                default -> spec.problem("validationActions", "unknown validation action '" + action + "': Deny or Warn");
            }
        }
        if (actions.isEmpty()) {
            actions.add(PolicySpec.Action.DENY);
        } else if (actions.size() > 1) {
            // As the API server rules for a ValidatingAdmissionPolicyBinding: a Deny is already reported, Warn would repeat it.
            spec.problem("validationActions", "'spec.validationActions' takes Deny or Warn, not both");
        }
        PolicySpec.FailurePolicy failurePolicy = PolicySpec.FailurePolicy.FAIL;
        String failure = spec.string("failurePolicy");
        if ("Ignore".equals(failure)) {
            failurePolicy = PolicySpec.FailurePolicy.IGNORE;
        } else if (failure != null && !failure.equals("Fail")) {
            spec.problem("failurePolicy", "'spec.failurePolicy' is Fail (a rule that cannot be evaluated is a violation) or Ignore");
        }
        return metadata == null ? null : new PolicySpec(metadata.name(), match, conditions, validations, actions, failurePolicy,
                metadata.location());
    }

    private static PolicySpec.Match match(Fields match) {
        if (match == null) {
            return new PolicySpec.Match(Set.of(), List.of(), Set.of(), EnumSet.of(PolicySpec.Operation.CREATE, PolicySpec.Operation.UPDATE));
        }
        match.allowOnly("kinds", "names", "clusters", "operations", "teams");
        Set<String> kinds = new LinkedHashSet<>(match.stringList("kinds"));
        for (String kind : kinds) {
            if (!KINDS.contains(kind)) {
                String suggestion = Fields.closest(kind, KINDS).map(s -> " (did you mean '" + s + "'?)").orElse("");
                match.problem("kinds", "unknown kind '" + kind + "'" + suggestion + "; kinds: " + String.join(", ", KINDS));
            }
        }
        Set<PolicySpec.Operation> operations = EnumSet.noneOf(PolicySpec.Operation.class);
        for (String operation : match.stringList("operations")) {
            try {
                operations.add(PolicySpec.Operation.valueOf(operation.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                match.problem("operations", "unknown operation '" + operation + "': CREATE, UPDATE or DELETE");
            }
        }
        if (operations.isEmpty()) {
            operations = EnumSet.of(PolicySpec.Operation.CREATE, PolicySpec.Operation.UPDATE);
        }
        return new PolicySpec.Match(kinds, match.stringList("names"), new LinkedHashSet<>(match.stringList("clusters")), operations,
                new LinkedHashSet<>(match.stringList("teams")));
    }
}
