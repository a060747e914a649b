package io.connectops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Outcome;
import io.connectops.apply.Progress;
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

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make the clusters match the files: create, update, pause/resume/stop, and (with --prune) delete.",
            "Everything is loaded and validated (also by the plugins, unless --skip-online-validation) before the first write."})
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs inputs;

    @Option(names = "--prune", description = "Delete connectors connectops owns that the files no longer declare.")
    boolean prune;

    @Option(names = "--max-deletions", paramLabel = "N",
            description = "Refuse a prune deleting more than N connectors on a cluster (default: 10%% of the owned ones, at least 1).")
    Integer maxDeletions;

    @Option(names = "--force", description = "Apply even past the --max-deletions guard, and delete topics that hold records or that "
            + "consumer groups read (the built-in policy topic-data).")
    boolean force;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8",
            description = "Concurrent writes per cluster (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Apply exactly this saved plan (from 'plan --out'); refused if the files or the live state changed since.")
    Path planFile;

    @Option(names = "--dry-run", description = "Only show the plan (same as 'plan').")
    boolean dryRun;

    @Option(names = "--skip-online-validation", description = "Do not ask the plugins to validate configs first.")
    boolean skipOnlineValidation;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        PlanJson.Saved saved = planFile == null ? null : PlanJson.readSaved(planFile);
        boolean doPrune = saved != null ? saved.prune() : prune;
        Engine engine;
        Plan plan;
        try {
            engine = new Engine(inputs.loadRequired(root, err, "apply"), RetryPolicy.DEFAULT, root.redactor(), root.passwords());
            plan = engine.plan(doPrune, !skipOnlineValidation && !dryRun, parallelism, force);
        } catch (InvalidInputException e) {
            return Problems.report(e, err);
        }
        if (saved != null) {
            checkSame(saved, plan);
        }
        Style style = Style.forTerminal();
        if (root.output() == OutputFormat.text) {
            out.print(PlanText.text(plan, style));
            out.flush();
        }
        if (dryRun) {
            if (root.output() == OutputFormat.markdown) {
                out.print(PlanText.markdown(plan));
            } else if (root.output() != OutputFormat.text) {
                Printer.print(PlanJson.toJson(plan), root.output(), out);
            }
            return plan.hasErrors() ? ExitCodes.ERROR : plan.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
        }
        Engine.checkDeletionGuard(plan, maxDeletions, force);
        boolean terminal = System.console() != null && root.output() == OutputFormat.text;
        Progress progress = terminal ? (done, total, outcome) -> {
            synchronized (err) {
                err.print("\r  applying " + done + "/" + total + "   ");
                if (done == total) {
                    err.print("\r");
                }
                err.flush();
            }
        } : Progress.NONE;
        ApplyReport report = engine.apply(plan, parallelism, progress);
        if (root.output() == OutputFormat.text) {
            printReport(report, style, out);
        } else if (root.output() == OutputFormat.markdown) {
            out.print(PlanText.markdown(plan));
            out.print(markdownReport(report));
        } else {
            Printer.print(Map.of("plan", PlanJson.toJson(plan), "outcomes", report.outcomes(), "clusterErrors", report.clusterErrors()),
                    root.output(), out);
        }
        return report.ok() && !plan.hasErrors() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private static void checkSame(PlanJson.Saved saved, Plan fresh) {
        if (saved.digest().equals(fresh.digest())) {
            return;
        }
        for (io.connectops.plan.TargetPlan target : fresh.targets()) {
            if (!Objects.equals(saved.fingerprints().get(target.key()), target.liveFingerprint())) {
                throw new IllegalStateException("the saved plan is stale: the live state of " + target.kind().phrase() + " '" + target.name()
                        + "' changed since it was made; run 'connectops plan' again and review the new plan");
            }
        }
        throw new IllegalStateException("the saved plan does not match the files: the files changed since it was made; "
                + "run 'connectops plan' again and review the new plan");
    }

    /** What was done, as a Markdown table below the plan (a pull-request comment after the merge). */
    static String markdownReport(ApplyReport report) {
        StringBuilder text = new StringBuilder("\n#### Applied\n\n| | resource | outcome |\n|---|---|---|\n");
        for (Outcome outcome : report.outcomes()) {
            text.append("| ").append(outcome.ok() ? ":white_check_mark:" : ":x:").append(" | `").append(outcome.cluster()).append('/')
                    .append(outcome.connector()).append("` | ").append((outcome.ok() ? outcome.done() : outcome.error()).replace("|", "\\|"))
                    .append(" |\n");
        }
        report.clusterErrors().forEach(error -> text.append("| :x: | | ").append(error.replace("|", "\\|")).append(" |\n"));
        if (report.outcomes().isEmpty() && report.clusterErrors().isEmpty()) {
            text.append("| | | nothing to do |\n");
        }
        return text.toString();
    }

    private static void printReport(ApplyReport report, Style style, PrintWriter out) {
        for (Outcome outcome : report.outcomes()) {
            if (outcome.ok()) {
                out.println(style.green("  ok    ") + outcome.cluster() + "/" + outcome.connector() + ": " + outcome.done());
            } else {
                out.println(style.red("  FAIL  ") + outcome.cluster() + "/" + outcome.connector() + ": " + outcome.error());
            }
        }
        for (String error : report.clusterErrors()) {
            out.println(style.red("  FAIL  ") + error);
        }
        long failed = report.failures().size();
        out.println(style.bold("Apply: " + (report.outcomes().size() - failed) + " done, " + failed + " failed"
                + (report.clusterErrors().isEmpty() ? "" : ", " + report.clusterErrors().size() + " cluster(s) not reached") + "."));
        out.flush();
    }
}
