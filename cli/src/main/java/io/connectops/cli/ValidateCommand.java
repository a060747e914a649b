package io.connectops.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.connectops.connect.RetryPolicy;
import io.connectops.engine.Engine;
import io.connectops.load.InvalidInputException;
import io.connectops.validate.Targets;
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
        if (!inputs.given()) {
            err.println("error: nothing to validate: give -f FILE, -f DIR or -f -");
            err.flush();
            return ExitCodes.ERROR;
        }
        try {
            Targets targets = inputs.load(root, err);
            if (online) {
                var plan = new Engine(targets, RetryPolicy.DEFAULT).plan(false, true, 8);
                if (plan.hasErrors()) {
                    plan.clusters().stream().filter(c -> c.error() != null)
                            .forEach(c -> err.println("error: cluster " + c.cluster() + ": " + c.error()));
                    err.flush();
                    return ExitCodes.ERROR;
                }
            }
            out.println("valid: " + targets.connectorCount() + " connector(s) on " + targets.clusters().size() + " cluster(s)"
                    + (online ? ", checked by the clusters' plugins" : ""));
            out.flush();
            return ExitCodes.OK;
        } catch (InvalidInputException e) {
            return Problems.report(e, err);
        }
    }
}
