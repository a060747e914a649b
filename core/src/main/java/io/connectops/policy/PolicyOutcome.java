package io.connectops.policy;

import java.util.ArrayList;
import java.util.List;

import io.connectops.model.Diagnostic;
import io.connectops.model.SourceLocation;

/**
 * What a policy check found: each violation with the resource and the rule it broke, and whether the check ran out of
 * time (then it counts as a denial: a rule not checked is not passed).
 */
public record PolicyOutcome(List<Violation> violations, String late) {
    public PolicyOutcome {
        violations = List.copyOf(violations);
    }

    /**
     * One resource that broke one rule.
     *
     * @param rule   where the rule is written (its expression)
     * @param source where the resource is declared, or null for one only live (a planned delete)
     */
    public record Violation(String policy, SourceLocation rule, String kind, String name, SourceLocation source, String message,
                            boolean deny, boolean warn) {
        /** The line printed: the resource, the policy and the rule's place, the message. */
        public String describe() {
            return kind + " " + name + " violates policy '" + policy + "' (" + rule + "): " + message;
        }

        Diagnostic diagnostic() {
            return new Diagnostic(source == null ? rule : source, describe());
        }
    }

    public static PolicyOutcome none() {
        return new PolicyOutcome(List.of(), null);
    }

    public boolean denied() {
        return late != null || violations.stream().anyMatch(Violation::deny);
    }

    /** The errors that refuse the run: denied violations, and running out of time. */
    public List<Diagnostic> errors() {
        List<Diagnostic> errors = new ArrayList<>(violations.stream().filter(Violation::deny).map(Violation::diagnostic).toList());
        if (late != null) {
            errors.add(new Diagnostic(new SourceLocation("policies", 0, 0), late));
        }
        return errors;
    }

    /** What is printed and goes on: violations of Warn-only policies (a Deny+Warn one is an error, printed once). */
    public List<Diagnostic> warnings() {
        return violations.stream().filter(v -> v.warn() && !v.deny()).map(Violation::diagnostic).toList();
    }

    public PolicyOutcome plus(PolicyOutcome other) {
        List<Violation> all = new ArrayList<>(violations);
        all.addAll(other.violations);
        return new PolicyOutcome(all, late != null ? late : other.late);
    }
}
