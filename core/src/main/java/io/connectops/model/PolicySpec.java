package io.connectops.model;

import java.util.List;
import java.util.Set;

/**
 * A declared policy: rules in CEL that every matching declaration must pass, shaped like Kubernetes'
 * {@code ValidatingAdmissionPolicy} so a rule reads the same in a file, in CI and in a cluster (docs/policies.md).
 *
 * @param failurePolicy what a rule that cannot be evaluated means: {@code FAIL} (a violation) or {@code IGNORE}
 * @param actions       what a violation does: {@code DENY} (nothing is written) and/or {@code WARN} (printed)
 */
public record PolicySpec(String name, Match match, List<Condition> matchConditions, List<Validation> validations,
                         Set<Action> actions, FailurePolicy failurePolicy, SourceLocation source) {
    public PolicySpec {
        matchConditions = List.copyOf(matchConditions);
        validations = List.copyOf(validations);
        actions = Set.copyOf(actions);
    }

    public enum Action { DENY, WARN }

    public enum FailurePolicy { FAIL, IGNORE }

    /** Operations a rule may apply to, as in admission: a delete has no {@code object}, only {@code oldObject}. */
    public enum Operation { CREATE, UPDATE, DELETE }

    /**
     * Which resources the policy applies to; an empty set matches every value.
     *
     * @param names exact names, or prefixes ending in {@code *}
     */
    public record Match(Set<String> kinds, List<String> names, Set<String> clusters, Set<Operation> operations, Set<String> teams) {
        public Match {
            kinds = Set.copyOf(kinds);
            names = List.copyOf(names);
            clusters = Set.copyOf(clusters);
            operations = Set.copyOf(operations);
            teams = Set.copyOf(teams);
        }

        public Match(Set<String> kinds, List<String> names, Set<String> clusters, Set<Operation> operations) {
            this(kinds, names, clusters, operations, Set.of());
        }

        /** {@code team}: the team that declares it (docs/teams.md), or "" for the platform. */
        public boolean matches(String kind, String name, String cluster, String team) {
            return (teams.isEmpty() || teams.contains(team)) && matches(kind, name, cluster);
        }

        public boolean matches(String kind, String name, String cluster) {
            return (kinds.isEmpty() || kinds.contains(kind)) && (clusters.isEmpty() || clusters.contains(cluster))
                    && (names.isEmpty() || names.stream().anyMatch(n -> n.endsWith("*") ? name.startsWith(n.substring(0, n.length() - 1))
                    : n.equals(name)));
        }
    }

    /** A CEL expression that must be true for the policy to apply ({@code matchConditions}). */
    public record Condition(String name, String expression, SourceLocation source) {
    }

    /**
     * One rule: {@code expression} must be true. {@code message} (or {@code messageExpression}, a CEL string) says why
     * it failed; both may be null (then the expression is quoted).
     */
    public record Validation(String expression, String message, String messageExpression, SourceLocation source) {
    }
}
