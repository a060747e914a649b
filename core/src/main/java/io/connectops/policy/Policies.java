package io.connectops.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cel.common.types.CelKind;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.PolicySpec;
import io.connectops.model.SourceLocation;
import io.connectops.policy.PolicyObjects.PolicyObject;

/**
 * The declared policies, compiled once (a typo in a rule is an error at its file:line before anything is read from a
 * cluster), then checked against every matching resource. A rule's result: true passes; false, or an error under
 * {@code failurePolicy: Fail}, is a violation, which {@code Deny} makes an error (nothing is written) and {@code Warn}
 * prints. Rules that read {@code oldObject} or {@code request} need the live resource: they run when planning
 * ({@link #checkChange}), the others on the files alone ({@link #check}); a planned delete meets every rule of the
 * policies that match deletes.
 */
public final class Policies {
    /** The whole check of one run, whatever the number of resources and rules: past it, the run is refused. */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private record Rule(PolicySpec.Validation spec, CelPrograms.Program test, CelPrograms.Program message) {
    }

    private record Compiled(PolicySpec spec, List<CelPrograms.Program> conditions, List<Rule> rules) {
    }

    private final List<Compiled> policies;

    private Policies(List<Compiled> policies) {
        this.policies = List.copyOf(policies);
    }

    public static Policies none() {
        return new Policies(List.of());
    }

    /**
     * Compiles every rule of every policy.
     *
     * @throws InvalidInputException naming each rule that does not compile, at its file:line
     */
    public static Policies compile(List<PolicySpec> specs) {
        if (specs.isEmpty()) {
            return none();
        }
        CelPrograms cel = new CelPrograms();
        List<Diagnostic> problems = new ArrayList<>();
        List<Compiled> compiled = new ArrayList<>();
        for (PolicySpec spec : specs) {
            List<CelPrograms.Program> conditions = new ArrayList<>();
            for (PolicySpec.Condition condition : spec.matchConditions()) {
                CelPrograms.Program program = compile(cel, condition.expression(), Set.of(CelKind.BOOL), condition.source(), spec, problems);
                if (program != null) {
                    conditions.add(program);
                }
            }
            List<Rule> rules = new ArrayList<>();
            for (PolicySpec.Validation validation : spec.validations()) {
                CelPrograms.Program test = compile(cel, validation.expression(), Set.of(CelKind.BOOL), validation.source(), spec, problems);
                CelPrograms.Program message = validation.messageExpression() == null ? null
                        : compile(cel, validation.messageExpression(), Set.of(CelKind.STRING), validation.source(), spec, problems);
                if (test != null) {
                    rules.add(new Rule(validation, test, message));
                }
            }
            compiled.add(new Compiled(spec, conditions, rules));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Policies(compiled);
    }

    private static CelPrograms.Program compile(CelPrograms cel, String expression, Set<CelKind> results, SourceLocation at,
                                               PolicySpec spec, List<Diagnostic> problems) {
        try {
            return cel.compile(expression, results);
        } catch (CelPrograms.Invalid e) {
            problems.add(new Diagnostic(at, "policy '" + spec.name() + "': the expression does not compile: " + e.getMessage()));
            return null;
        }
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** Checks every resource against the rules that need only the files ({@code oldObject} is null, as for a create). */
    public PolicyOutcome check(List<PolicyObject> objects) {
        Evaluation run = new Evaluation();
        for (PolicyObject object : objects) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("object", object.object());
            variables.put("oldObject", NullValue.NULL_VALUE);
            variables.put("request", Map.of());
            for (Compiled policy : policies) {
                if (policy.spec().match().matches(object.kind(), object.name(), object.cluster(), object.team())
                        && !java.util.Collections.disjoint(policy.spec().match().operations(),
                        Set.of(PolicySpec.Operation.CREATE, PolicySpec.Operation.UPDATE))) {
                    run.policy(policy, object, variables, rule -> !rule.test().usesOld());
                }
            }
        }
        return run.outcome();
    }

    /**
     * Checks one planned change against the rules that read {@code oldObject} or {@code request}: {@code object} is
     * what the files declare (null for a delete), {@code oldObject} the live resource in the same form.
     */
    public PolicyOutcome checkChange(PolicySpec.Operation operation, String kind, String name, String cluster, String team,
                                     Map<String, Object> object, Map<String, Object> oldObject, SourceLocation source) {
        Evaluation run = new Evaluation();
        Map<String, Object> variables = new HashMap<>();
        variables.put("object", object == null ? NullValue.NULL_VALUE : object);
        variables.put("oldObject", oldObject == null ? NullValue.NULL_VALUE : oldObject);
        variables.put("request", Map.of("operation", operation.name()));
        PolicyObject subject = new PolicyObject(kind, name, cluster, object, source, team);
        for (Compiled policy : policies) {
            if (policy.spec().match().operations().contains(operation) && policy.spec().match().matches(kind, name, cluster, team)) {
                // A delete is never seen offline: every rule of a policy that matches deletes runs here.
                run.policy(policy, subject, variables, rule -> rule.test().usesOld() || operation == PolicySpec.Operation.DELETE);
            }
        }
        return run.outcome();
    }

    /** One check's running state: its violations and its deadline. */
    private static final class Evaluation {
        private final long deadline = System.nanoTime() + DEADLINE.toNanos();
        private final List<PolicyOutcome.Violation> violations = new ArrayList<>();
        private boolean late;

        void policy(Compiled policy, PolicyObject object, Map<String, Object> variables, java.util.function.Predicate<Rule> runs) {
            if (late || System.nanoTime() > deadline) {
                late = true;
                return;
            }
            for (CelPrograms.Program condition : policy.conditions()) {
                try {
                    if (!Boolean.TRUE.equals(condition.eval(variables))) {
                        return;
                    }
                } catch (CelEvaluationException e) {
                    if (policy.spec().failurePolicy() == PolicySpec.FailurePolicy.FAIL) {
                        violations.add(violation(policy.spec(), policy.spec().source(), object,
                                "a match condition could not be evaluated: " + e.getMessage()));
                    }
                    return;
                }
            }
            for (Rule rule : policy.rules()) {
                if (!runs.test(rule)) {
                    continue;
                }
                String failed;
                try {
                    Object result = rule.test().eval(variables);
                    failed = Boolean.TRUE.equals(result) ? null : message(rule, variables);
                } catch (CelEvaluationException e) {
                    failed = policy.spec().failurePolicy() == PolicySpec.FailurePolicy.FAIL ? unevaluated(e) : null;
                }
                if (failed != null) {
                    violations.add(violation(policy.spec(), rule.spec().source(), object, failed));
                }
            }
        }

        /** CEL says only the key when one is missing: say what that means and how rules test for it. */
        private static String unevaluated(CelEvaluationException e) {
            String detail = e.getMessage().replaceFirst("^evaluation error(: | at [^:]*:\\d+: )", "");
            return "the rule could not be evaluated: " + (detail.matches("[^ ]+") ? "no key '" + detail
                    + "' (test for it first: 'key' in map, or has(a.b))" : detail);
        }

        private static String message(Rule rule, Map<String, Object> variables) {
            if (rule.message() != null) {
                try {
                    Object text = rule.message().eval(variables);
                    if (text instanceof String s && !s.isBlank()) {
                        return s.length() > 1024 ? s.substring(0, 1024) + "..." : s;
                    }
                } catch (CelEvaluationException e) {
                    // as Kubernetes does: the static message (or the expression) instead
                }
            }
            return rule.spec().message() != null ? rule.spec().message() : "failed expression: " + rule.spec().expression();
        }

        private static PolicyOutcome.Violation violation(PolicySpec policy, SourceLocation rule, PolicyObject object, String message) {
            return new PolicyOutcome.Violation(policy.name(), rule, object.kind(), object.name(), object.source(), message,
                    policy.actions().contains(PolicySpec.Action.DENY), policy.actions().contains(PolicySpec.Action.WARN));
        }

        PolicyOutcome outcome() {
            return new PolicyOutcome(violations, late ? "the policies did not finish within " + DEADLINE.toSeconds()
                    + " s: nothing is written (simplify the rules or split the run)" : null);
        }
    }
}
