package io.connectops.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.connectops.model.Declarations;
import io.connectops.model.Diagnostic;
import io.connectops.model.SourceLocation;
import io.connectops.model.TeamSpec;

/**
 * What a team may declare (docs/teams.md), checked on the files before anything else: only names under its prefixes,
 * only its clusters, ACLs that grant only on its own topics and groups; no clusters, policies or teams (the platform's).
 */
public final class TeamChecks {
    private TeamChecks() {
    }

    public static List<Diagnostic> check(Declarations declarations, List<PolicyObjects.PolicyObject> objects, TeamMembership teams) {
        List<Diagnostic> problems = new ArrayList<>();
        if (teams.teams().isEmpty()) {
            return problems;
        }
        if (!teams.byNamespace()) {
            declarations.clusters().forEach(c -> platformOnly(teams, c.source(), "ConnectCluster " + c.name(), problems));
            declarations.kafkaClusters().forEach(c -> platformOnly(teams, c.source(), "KafkaCluster " + c.name(), problems));
        }
        declarations.policies().forEach(p -> platformOnly(teams, p.source(), "Policy " + p.name(), problems));
        declarations.teams().forEach(t -> platformOnly(teams, t.source(), "Team " + t.name(), problems));
        java.util.Set<String> recorded = new java.util.HashSet<>();
        declarations.clusters().stream().filter(c -> c.ownership() != null && (c.ownership().usesKafka() || c.ownership().file() != null
                || c.ownership().kafkaCluster() != null)).forEach(c -> recorded.add(c.name()));
        for (PolicyObjects.PolicyObject object : objects) {
            Optional<TeamSpec> team = teams.of(object.source());
            if (team.isEmpty()) {
                continue;
            }
            TeamSpec t = team.get();
            List<String> why = new ArrayList<>();
            TeamSpec.Owns owns = t.owns();
            switch (object.kind()) {
                case "Connector" -> name(object.name(), owns.connectors(), "connector", why);
                case "Topic" -> name(object.name(), owns.topics(), "topic", why);
                case "User" -> name("User:" + object.name(), owns.principals(), "principal", why);
                case "Acl" -> {
                    name(object.name(), owns.principals(), "principal", why);
                    rules(object, owns, why);
                }
                case "ConnectCluster", "KafkaCluster" -> {
                    // reported above, at their own declaration
                }
                default -> why.add("a " + object.kind() + " is the platform's to declare");
            }
            if (object.kind().equals("Connector") && recorded.contains(object.cluster())) {
                why.add("cluster '" + object.cluster() + "' keeps its ownership record in a topic or file; a team owns connectors through"
                        + " the marker in their config (leave spec.ownership at its default on that cluster)");
            }
            if (!t.clusters().isEmpty() && !object.cluster().isEmpty() && !t.clusters().contains(object.cluster())
                    && !object.kind().endsWith("Cluster")) {
                why.add("cluster '" + object.cluster() + "' is not one of the team's (" + String.join(", ", t.clusters().stream().sorted().toList())
                        + ")");
            }
            if (!why.isEmpty()) {
                problems.add(new Diagnostic(object.source(), object.kind() + " " + object.name() + " is declared by team '" + t.name()
                        + "' (" + t.source() + "): " + String.join("; ", why)));
            }
        }
        return problems;
    }

    private static void platformOnly(TeamMembership teams, SourceLocation at, String what, List<Diagnostic> problems) {
        teams.of(at).ifPresent(team -> problems.add(new Diagnostic(at, what + " is declared in team '" + team.name()
                + "''s directory: clusters, policies and teams are the platform's, declare it outside the team paths")));
    }

    private static void name(String name, List<String> prefixes, String what, List<String> why) {
        if (!TeamSpec.Owns.under(name, prefixes)) {
            why.add(what + " names must start with " + (prefixes.isEmpty() ? "(none: the team owns no " + what + " names)"
                    : String.join(" or ", prefixes.stream().map(p -> "'" + p + "'").toList())));
        }
    }

    /** An ACL set grants only on the team's own topics, groups and transactional ids; never on the cluster or "*". */
    @SuppressWarnings("unchecked")
    private static void rules(PolicyObjects.PolicyObject object, TeamSpec.Owns owns, List<String> why) {
        Object rules = ((Map<String, Object>) object.object().get("spec")).get("rules");
        for (Object item : (List<Object>) rules) {
            Map<String, Object> rule = (Map<String, Object>) item;
            String resource = String.valueOf(rule.get("resource"));
            String name = String.valueOf(rule.get("name"));
            List<String> allowed = switch (resource) {
                case "topic" -> owns.topics();
                case "group" -> owns.groups();
                case "transactional-id" -> concat(owns.connectors(), owns.topics(), owns.groups());
                default -> List.of();
            };
            if (name.equals("*") || !TeamSpec.Owns.under(name, allowed)) {
                why.add("it grants " + rule.get("operation") + " on " + resource + " '" + name + "'"
                        + (rule.get("patternType").equals("prefixed") ? " (prefixed)" : "") + ", which is not the team's");
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
