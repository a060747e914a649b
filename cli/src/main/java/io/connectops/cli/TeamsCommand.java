package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.connectops.model.InvalidInputException;
import io.connectops.model.TeamSpec;
import io.connectops.pipeline.Pipeline;
import io.connectops.policy.PolicyObjects;
import io.connectops.policy.TeamMembership;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The teams the files (and --policy) declare: where their files are, what they own, what they declare (docs/teams.md). */
@Command(name = "teams", mixinStandardHelpOptions = true,
        description = {"List the teams: their directories or namespaces, the name prefixes and clusters they own, and what they declare "
                + "in the -f files (checked as validate checks them, offline)."})
final class TeamsCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            inputs.requireFiles("teams");
            Pipeline.Result loaded = inputs.run(root, err, false);
            List<TeamSpec> teams = loaded.declarations().teams();
            TeamMembership membership = TeamMembership.files(teams, Inputs.repositoryOf(inputs.paths));
            Map<String, Map<String, Integer>> declared = new TreeMap<>();
            for (PolicyObjects.PolicyObject object : PolicyObjects.of(loaded.targets(), loaded.declarations())) {
                membership.of(object.source()).ifPresent(team -> declared.computeIfAbsent(team.name(), t -> new TreeMap<>())
                        .merge(object.kind(), 1, Integer::sum));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TeamSpec team : teams) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("team", team.name());
                row.put("paths", team.paths());
                row.put("namespaces", team.namespaces().stream().sorted().toList());
                Map<String, Object> owns = new LinkedHashMap<>();
                owns.put("topics", team.owns().topics());
                owns.put("connectors", team.owns().connectors());
                owns.put("groups", team.owns().groups());
                owns.put("principals", team.owns().principals());
                row.put("owns", owns);
                row.put("clusters", team.clusters().stream().sorted().toList());
                row.put("declares", declared.getOrDefault(team.name(), Map.of()));
                rows.add(row);
            }
            if (root.output() != OutputFormat.text) {
                Printer.print(rows, root.output(), out);
                return ExitCodes.OK;
            }
            if (rows.isEmpty()) {
                out.println("no Team in the files (docs/teams.md)");
            }
            for (TeamSpec team : teams) {
                Map<String, Integer> counts = declared.getOrDefault(team.name(), Map.of());
                out.println(team.name() + "  (" + team.source() + ")");
                out.println("  files:      " + (team.paths().isEmpty() ? "-" : String.join(", ", team.paths()))
                        + (team.namespaces().isEmpty() ? "" : "   namespaces: " + String.join(", ", team.namespaces().stream().sorted().toList())));
                out.println("  owns:       topics " + prefixes(team.owns().topics()) + ", connectors " + prefixes(team.owns().connectors())
                        + ", groups " + prefixes(team.owns().groups()) + ", principals " + prefixes(team.owns().principals()));
                out.println("  clusters:   " + (team.clusters().isEmpty() ? "any" : String.join(", ", team.clusters().stream().sorted().toList())));
                out.println("  declares:   " + (counts.isEmpty() ? "nothing" : String.join(", ", counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? "" : "s")).toList())));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return Problems.report(e, err);
        }
    }

    private static String prefixes(List<String> prefixes) {
        return prefixes.isEmpty() ? "-" : String.join(" ", prefixes.stream().map(p -> p + "*").toList());
    }
}
