package io.connectops.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.InvalidInputException;
import io.connectops.model.PolicySpec;
import io.connectops.model.Targets;
import io.connectops.plan.Change;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetPlan;
import io.connectops.policy.Policies;
import io.connectops.policy.PolicyObjects;
import io.connectops.policy.PolicyOutcome;

/**
 * The policy rules that read the live resource ({@code oldObject}, {@code request.operation}), checked against a
 * computed plan: each create, update and delete once, as an admission controller sees them. {@code oldObject} is the
 * declared object with the plan's differences put back (the live values, secret ones as "(sensitive)"); for a delete,
 * {@code object} is null and {@code oldObject} names the resource and its cluster. A Deny violation refuses the whole
 * plan (nothing is applied); a Warn one is added to the change's note.
 *
 * <p>Beside the declared policies, one is built in: {@value #TOPIC_DATA}, which refuses to delete a topic that holds
 * records or that a consumer group reads (or whose contents could not be read). {@code --force} lifts it for a run; a
 * declared Policy of that name replaces it.
 */
public final class PlanPolicies {
    public static final String TOPIC_DATA = "topic-data";
    public static final PlanPolicies NONE = new PlanPolicies(Policies.none(), Map.of(), false);

    private final Policies policies;
    private final Map<String, PolicyObjects.PolicyObject> declared;
    private final boolean topicDataDeclared;

    private PlanPolicies(Policies policies, Map<String, PolicyObjects.PolicyObject> declared, boolean topicDataDeclared) {
        this.policies = policies;
        this.declared = declared;
        this.topicDataDeclared = topicDataDeclared;
    }

    /** The policies of {@code targets}, compiled once, with the declared objects their rules compare the live ones to. */
    public static PlanPolicies of(Targets targets) {
        if (targets.policies().isEmpty()) {
            return NONE;
        }
        Map<String, PolicyObjects.PolicyObject> declared = new HashMap<>();
        PolicyObjects.of(targets).forEach(o -> declared.put(key(o.kind(), o.cluster(), o.name()), o));
        return new PlanPolicies(Policies.compile(targets.policies()), declared,
                targets.policies().stream().anyMatch(p -> p.name().equals(TOPIC_DATA)));
    }

    /** The built-in rule on deleting a topic's data, compiled when a plan deletes a topic. */
    private static Policies topicData() {
        String subject = "'topic ' + oldObject.metadata.name";
        String holds = "(has(oldObject.status) ? ' holds ' + string(oldObject.status.records) + ' records'"
                + " + (size(oldObject.status.consumerGroups) > 0 ? ', read by groups ' + oldObject.status.consumerGroups.join(', ') : '')"
                + " : ': what it holds could not be read')";
        PolicySpec.Validation rule = new PolicySpec.Validation(
                "has(oldObject.status) && oldObject.status.records == 0 && size(oldObject.status.consumerGroups) == 0", null,
                subject + " + " + holds + " + ': not deleted (apply --force to delete it anyway, or declare a Policy named " + TOPIC_DATA
                        + " of your own)'", new io.connectops.model.SourceLocation("built-in policy " + TOPIC_DATA, 0, 0));
        return Policies.compile(List.of(new PolicySpec(TOPIC_DATA, new PolicySpec.Match(java.util.Set.of("Topic"), List.of(), java.util.Set.of(),
                java.util.Set.of(PolicySpec.Operation.DELETE)), List.of(), List.of(rule), java.util.Set.of(PolicySpec.Action.DENY),
                PolicySpec.FailurePolicy.FAIL, rule.source())));
    }

    private static String key(String kind, String cluster, String name) {
        return kind + "\u0000" + cluster + "\u0000" + name;
    }

    /** The plan with warnings in its notes; throws when a change breaks a Deny rule ({@code force}: not the built-in one). */
    Plan check(Plan plan, boolean force) {
        boolean deletesTopics = plan.targets().stream().flatMap(t -> t.changes().stream())
                .anyMatch(c -> c.action() == io.connectops.plan.Action.DELETE && c.kind().equals("Topic"));
        Policies builtIn = deletesTopics && !force && !topicDataDeclared ? topicData() : null;
        if (policies.isEmpty() && builtIn == null) {
            return plan;
        }
        PolicyOutcome all = PolicyOutcome.none();
        List<TargetPlan> targets = new ArrayList<>();
        for (TargetPlan target : plan.targets()) {
            List<Change> changes = new ArrayList<>();
            for (Change change : target.changes()) {
                PolicyOutcome outcome = check(policies, change);
                if (builtIn != null) {
                    outcome = outcome.plus(check(builtIn, change));
                }
                all = all.plus(outcome);
                Change noted = change;
                for (PolicyOutcome.Violation violation : outcome.violations()) {
                    if (violation.warn() && !violation.deny()) {
                        noted = noted.withNote("policy '" + violation.policy() + "' warns: " + violation.message());
                    }
                }
                changes.add(noted);
            }
            targets.add(target.withChanges(changes));
        }
        if (all.denied()) {
            throw new InvalidInputException(all.errors());
        }
        return new Plan(plan.createdAt(), plan.prune(), targets, plan.digest());
    }

    private PolicyOutcome check(Policies policies, Change change) {
        PolicySpec.Operation operation = switch (change.action()) {
            case CREATE -> PolicySpec.Operation.CREATE;
            case UPDATE -> PolicySpec.Operation.UPDATE;
            case DELETE -> PolicySpec.Operation.DELETE;
            default -> null;
        };
        String cluster = change.id().target();
        PolicyObjects.PolicyObject object = declared.get(key(change.kind(), cluster, change.name()));
        if (operation == null || (object == null && operation != PolicySpec.Operation.DELETE)) {
            return PolicyOutcome.none();
        }
        Map<String, Object> old = switch (operation) {
            case CREATE -> null;
            case UPDATE -> before(object.object(), change);
            case DELETE -> live(change, cluster);
        };
        String team = change.owner().ours() && change.owner().detail() != null ? change.owner().detail() : "";
        return policies.checkChange(operation, change.kind(), change.name(), cluster, team,
                operation == PolicySpec.Operation.DELETE ? null : object.object(), old, object == null ? null : object.source());
    }

    /**
     * A resource only live, as far as the plan knows it: its kind, name and cluster, and for a topic what it holds
     * ({@code status.records}, {@code status.consumerGroups}) when that could be read.
     */
    private static Map<String, Object> live(Change change, String cluster) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "connectops.io/v1alpha1");
        object.put("kind", change.kind());
        object.put("metadata", Map.of("name", change.name(), "labels", Map.of()));
        object.put("spec", Map.of("cluster", cluster));
        Map<String, Object> status = new LinkedHashMap<>();
        for (KeyChange key : change.keyChanges()) {
            if (key.key().equals("status.records")) {
                status.put("records", Long.parseLong(key.before()));
            } else if (key.key().equals("status.consumerGroups")) {
                status.put("consumerGroups", key.before().isEmpty() ? List.of() : List.of(key.before().split(",")));
            }
        }
        if (status.size() == 2) {
            object.put("status", status);
        }
        return object;
    }

    /** The declared object with each difference the plan shows put back to its live value. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> before(Map<String, Object> declared, Change change) {
        Map<String, Object> old = new LinkedHashMap<>(declared);
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) declared.get("spec"));
        old.put("spec", spec);
        Object config = spec.get("config");
        Map<String, Object> oldConfig = config instanceof Map<?, ?> c ? new LinkedHashMap<>((Map<String, Object>) c) : null;
        Object quotas = spec.get("quotas");
        Map<String, Object> oldQuotas = quotas instanceof Map<?, ?> q ? new LinkedHashMap<>((Map<String, Object>) q) : null;
        for (KeyChange key : change.keyChanges()) {
            switch (change.kind()) {
                case "Topic" -> {
                    if (key.key().equals("partitions") || key.key().equals("replicationFactor")) {
                        put(spec, key.key(), key.before() == null ? null : Long.parseLong(key.before()));
                    } else if (key.key().startsWith("config.") && oldConfig != null) {
                        put(oldConfig, key.key().substring("config.".length()), key.kind() == KeyChange.Kind.ADDED ? null : key.before());
                    }
                }
                case "Connector" -> {
                    if (key.key().equals("connector.class")) {
                        put(spec, "class", key.before());
                    } else if (key.key().equals("tasks.max")) {
                        put(spec, "tasksMax", key.before() == null ? null : parseLong(key.before()));
                    } else if (oldConfig != null) {
                        put(oldConfig, key.key(), key.kind() == KeyChange.Kind.ADDED ? null : key.before());
                    }
                }
                case "ClientQuota" -> {
                    if (oldQuotas != null) {
                        put(oldQuotas, key.key(), key.kind() == KeyChange.Kind.ADDED || key.before() == null ? null
                                : Double.parseDouble(key.before()));
                    }
                }
                default -> {
                    // ACL sets and users: their spec is not rebuilt (documented in docs/policies.md)
                }
            }
        }
        if (oldConfig != null) {
            spec.put("config", oldConfig);
        }
        if (oldQuotas != null) {
            spec.put("quotas", oldQuotas);
        }
        return old;
    }

    private static Object parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
