package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.connect.RetryPolicy;
import io.connectops.engine.Engine;
import io.connectops.output.Style;
import io.connectops.engine.TargetSession;
import io.connectops.plan.TargetKind;
import io.connectops.status.TargetStatus;
import io.connectops.model.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every connector per cluster: state, tasks, failures, owner, and (with -f) whether it matches the files.",
            "With -f declaring Kafka resources: each topic, ACL set and user, its owner and whether it matches."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Inputs inputs;

    @Option(names = "--watch", description = "Refresh every --interval until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2", description = "Refresh interval for --watch (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--controller", paramLabel = "URL",
            description = "Ask a running 'connectops sync' (its /status) instead of the clusters, e.g. http://localhost:8080.")
    java.net.URI controller;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (controller != null) {
            return ControllerStatusView.print(controller, root.output(), out);
        }
        Targets targets = inputs.load(root, err);
        if (targets.clusters().isEmpty() && targets.kafka().isEmpty()) {
            throw new IllegalArgumentException("no Connect cluster given: use --connect-url URL (or CONNECTOPS_CONNECT_URL), "
                    + "or -f files that declare a ConnectCluster (or Kafka resources)");
        }
        Engine engine = new Engine(targets, RetryPolicy.DEFAULT, root.redactor(), root.passwords());
        while (true) {
            int code = printOnce(engine, out);
            if (!watch) {
                return code;
            }
            Thread.sleep(Math.max(1, interval) * 1000L);
            out.print("\u001b[H\u001b[2J");
        }
    }

    /** One read per target, all concurrently; each kind printed with its own table. */
    private int printOnce(Engine engine, PrintWriter out) {
        List<TargetStatus> statuses = engine.forEach(TargetSession.class, session -> session.status(inputs.given()));
        List<Map<String, String>> errors = new ArrayList<>();
        statuses.forEach(t -> t.errors().forEach(e -> errors.add(Map.of("cluster", t.name(), "error", e.lines().findFirst().orElse(e)))));
        if (root.output() == OutputFormat.json || root.output() == OutputFormat.yaml) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            for (TargetKind kind : TargetKind.ALL) {
                body.put(StatusTables.section(kind), statuses.stream().filter(t -> t.kind().equals(kind)).flatMap(t -> t.rows().stream()).toList());
            }
            body.put("clusterErrors", errors);
            Printer.print(body, root.output(), out);
        } else {
            Style style = Style.forTerminal();
            for (TargetKind kind : TargetKind.ALL) {
                statuses.stream().filter(t -> t.kind().equals(kind)).forEach(t -> StatusTables.print(t, inputs.given(), style, out));
            }
        }
        out.flush();
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
