package io.connectops.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.connectops.connect.RetryPolicy;
import io.connectops.engine.Engine;
import io.connectops.model.InvalidInputException;
import io.connectops.model.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the files: fields, types, names, clusters (offline).",
            "With --online, also ask the cluster's plugins about every config that would be written."})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs inputs;

    @Option(names = "--online", description = "Validate configs with the plugins installed on the Connect cluster.")
    boolean online;

    /** What the files declare, every kind (a directory of topics is not "0 connector(s)"). */
    static String summary(io.connectops.model.Declarations declarations, Targets targets) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        count(parts, declarations.connectors().size(), "connector");
        count(parts, declarations.topics().size(), "topic");
        count(parts, declarations.acls().size(), "ACL set");
        count(parts, declarations.users().size(), "user");
        declarations.kafkaResources().stream().collect(java.util.stream.Collectors.groupingBy(io.connectops.model.KafkaResource::kind,
                java.util.TreeMap::new, java.util.stream.Collectors.counting())).forEach((kind, n) -> count(parts, n.intValue(), kind));
        count(parts, declarations.teams().size(), "team");
        String resources = parts.isEmpty() ? "no resources" : String.join(", ", parts);
        java.util.List<String> clusters = new java.util.ArrayList<>();
        count(clusters, targets.clusters().size(), "Connect cluster");
        count(clusters, targets.kafka().size(), "Kafka cluster");
        return resources + (clusters.isEmpty() ? "" : " on " + String.join(" and ", clusters));
    }

    private static void count(java.util.List<String> parts, int n, String what) {
        if (n > 0) {
            parts.add(n + " " + what + (n == 1 ? "" : "s"));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            inputs.requireFiles("validate");
            // Offline, files that name no cluster are valid without one: a pull-request check needs no cluster.
            io.connectops.pipeline.Pipeline.Result loaded = inputs.run(root, err, online);
            io.connectops.model.Declarations declarations = loaded.declarations();
            Targets targets = loaded.targets();
            if (online) {
                if (targets.clusters().isEmpty()) {
                    throw new IllegalArgumentException("--online needs a Connect cluster: give --connect-url URL, or files that declare a ConnectCluster");
                }
                var plan = new Engine(targets, RetryPolicy.DEFAULT, root.redactor(), root.passwords()).plan(false, true, 8);
                if (plan.hasErrors()) {
                    plan.targets().stream().filter(c -> c.error() != null)
                            .forEach(c -> err.println("error: " + c.kind().phrase() + " " + c.name() + ": " + c.error()));
                    err.flush();
                    return ExitCodes.ERROR;
                }
                plan.targets().forEach(t -> t.changes().forEach(c -> c.warnings().forEach(w -> err.println("warning: " + w))));
                err.flush();
            }
            out.println("valid: " + summary(declarations, targets) + (online ? ", checked by the clusters' plugins" : "")
                    + (targets.policies().isEmpty() ? "" : "; checked against " + targets.policies().size() + " policies"));
            out.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return Problems.report(e, err);
        }
    }
}
