package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.connectops.connect.RetryPolicy;
import io.connectops.engine.Engine;
import io.connectops.model.InvalidInputException;
import io.connectops.output.PlanJson;
import io.connectops.output.PlanText;
import io.connectops.output.Style;
import io.connectops.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", aliases = "diff", mixinStandardHelpOptions = true,
        description = {"Show what apply would change: create, update (key by key), state changes, deletes (with --prune).",
            "Exit status: 0 no changes, 2 changes pending, 1 error."})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs inputs;

    @Option(names = "--prune", description = "Also plan deleting connectors connectops owns that the files no longer declare.")
    boolean prune;

    @Option(names = "--online", description = "Also validate every config to be written with the cluster's plugins.")
    boolean online;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the plan as JSON, for 'apply --plan FILE'.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Plan plan;
        try {
            Engine engine = new Engine(inputs.loadRequired(root, stderr, "plan"), RetryPolicy.DEFAULT, root.redactor(), root.passwords());
            plan = engine.plan(prune, online, 8);
        } catch (InvalidInputException e) {
            return Problems.report(e, stderr);
        }
        if (out != null) {
            // The same net as everything printed: a value registered as secret never reaches the file either.
            io.connectops.files.PrivateFiles.writeString(out, root.redactor().redact(
                    PlanJson.MAPPER.writeValueAsString(PlanJson.toJson(plan))) + "\n");
            stderr.println("Saved the plan to " + out + ": apply exactly it with 'connectops apply --plan " + out + "'");
            stderr.flush();
        }
        switch (root.output()) {
            case json, yaml -> Printer.print(PlanJson.toJson(plan), root.output(), stdout);
            case markdown -> stdout.print(PlanText.markdown(plan));
            case text -> stdout.print(PlanText.text(plan, Style.forTerminal()));
        }
        stdout.flush();
        if (plan.hasErrors()) {
            return ExitCodes.ERROR;
        }
        return plan.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
    }
}
