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
            }
            int clusters = targets.clusters().size();
            out.println("valid: " + declarations.connectors().size() + " connector(s)"
                    + (clusters == 0 ? "" : " on " + clusters + " cluster(s)")
                    + (online ? ", checked by the clusters' plugins" : "")
                    + (targets.policies().isEmpty() ? "" : "; checked against " + targets.policies().size() + " policies"));
            out.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return Problems.report(e, err);
        }
    }
}
