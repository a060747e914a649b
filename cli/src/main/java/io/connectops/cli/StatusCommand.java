package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.connect.LiveState;
import io.connectops.connect.RetryPolicy;
import io.connectops.engine.Engine;
import io.connectops.output.Style;
import io.connectops.status.ConnectorStatusRow;
import io.connectops.status.StatusReport;
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
        Engine engine = new Engine(targets, RetryPolicy.DEFAULT, root.redactor());
        while (true) {
            int code = printOnce(engine, out);
            if (!watch) {
                return code;
            }
            Thread.sleep(Math.max(1, interval) * 1000L);
            out.print("\u001b[H\u001b[2J");
        }
    }

    private int printOnce(Engine engine, PrintWriter out) {
        List<ConnectorStatusRow> rows = new ArrayList<>();
        List<Map<String, String>> errors = new ArrayList<>();
        List<List<ConnectorStatusRow>> perCluster = engine.forEach(io.connectops.engine.ClusterSession.class, session -> {
            try {
                LiveState live = session.client().readAll();
                return StatusReport.rows(session.target(), live, session.ownership().read(live, session.client()), inputs.given());
            } catch (RuntimeException e) {
                synchronized (errors) {
                    errors.add(Map.of("cluster", session.name(), "error", ErrorReporter.describe(e)));
                }
                return List.of();
            }
        });
        perCluster.forEach(rows::addAll);
        List<KafkaStatusRow> kafkaRows = kafkaRows(engine, errors);
        if (root.output() == OutputFormat.json || root.output() == OutputFormat.yaml) {
            Printer.print(Map.of("connectors", rows, "kafka", kafkaRows, "clusterErrors", errors), root.output(), out);
        } else {
            printTable(engine, rows, errors, Style.forTerminal(), out);
            printKafka(engine, kafkaRows, errors, Style.forTerminal(), out);
        }
        out.flush();
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private void printTable(Engine engine, List<ConnectorStatusRow> rows, List<Map<String, String>> errors, Style style, PrintWriter out) {
        for (var session : engine.sessions(io.connectops.engine.ClusterSession.class)) {
            out.println(style.bold("Cluster " + session.name()) + " " + style.dim(session.target().cluster().urls().toString()));
            errors.stream().filter(e -> e.get("cluster").equals(session.name()))
                    .forEach(e -> out.println("  " + style.red("unreachable: " + e.get("error"))));
            List<ConnectorStatusRow> mine = rows.stream().filter(r -> r.cluster().equals(session.name())).toList();
            if (mine.isEmpty()) {
                if (errors.stream().noneMatch(e -> e.get("cluster").equals(session.name()))) {
                    out.println("  no connectors");
                }
                continue;
            }
            int width = Math.max(9, mine.stream().mapToInt(r -> r.connector().length()).max().orElse(9));
            String format = "  %-" + width + "s  %-11s  %-7s  %-10s" + (inputs.given() ? "  %-10s  %-11s" : "%s%s") + "%n";
            out.printf(format, "CONNECTOR", "STATE", "TASKS", "OWNER", inputs.given() ? "SYNC" : "", inputs.given() ? "HEALTH" : "");
            for (ConnectorStatusRow row : mine) {
                String state = switch (row.state()) {
                    case "RUNNING" -> style.green(pad(row.state(), 11));
                    case "FAILED", "MISSING" -> style.red(pad(row.state(), 11));
                    default -> style.yellow(pad(row.state(), 11));
                };
                out.printf("  %-" + width + "s  %s  %-7s  %-10s" + (inputs.given() ? "  %-10s  %s" : "%s%s") + "%n", row.connector(), state,
                        row.runningTasks() + "/" + row.totalTasks(), row.owner(),
                        inputs.given() ? (row.sync() == null ? "-" : row.sync().name()) : "",
                        inputs.given() ? (row.health() == null ? "-" : row.health().name()) : "");
                for (ConnectorStatusRow.Failure failure : row.failures()) {
                    out.println("      " + style.red((failure.task() < 0 ? "connector" : "task " + failure.task()) + " FAILED on "
                            + failure.workerId() + ": " + failure.trace()));
                }
            }
        }
    }

    /**
     * One declared (or connectops-owned) Kafka resource: what the plan of that cluster says about it.
     *
     * @param sync Synced, OutOfSync (differs, or a change Kafka cannot make), or Missing
     */
    record KafkaStatusRow(String cluster, String resource, String owner, String sync, String detail) {
    }

    private List<KafkaStatusRow> kafkaRows(Engine engine, List<Map<String, String>> errors) {
        List<KafkaStatusRow> rows = new ArrayList<>();
        for (io.connectops.engine.KafkaSession session : engine.sessions(io.connectops.engine.KafkaSession.class)) {
            try {
                io.connectops.kafka.KafkaLive live = io.connectops.kafka.KafkaObserver.read(session.target(), session.admin(), session.claims());
                io.connectops.plan.KafkaPlanner.Result result = io.connectops.plan.KafkaPlanner.plan(session.target(), live, false);
                java.util.Set<String> refused = result.refusedResources();
                for (io.connectops.plan.Change change : result.plan().changes()) {
                    String sync = switch (change.action()) {
                        case NONE -> change.source() == null ? "NotDeclared" : "Synced";
                        case CREATE -> "Missing";
                        default -> "OutOfSync";
                    };
                    String detail = refused.contains(change.resource()) ? "refused: a change Kafka cannot make (see plan)"
                            : change.keyChanges().isEmpty() ? (change.note() == null ? "" : change.note())
                            : change.keyChanges().size() + " difference(s): " + String.join(", ", change.keyChanges().stream()
                                    .map(io.connectops.plan.KeyChange::key).distinct().toList());
                    rows.add(new KafkaStatusRow(session.name(), change.resource(), change.owner().label(),
                            refused.contains(change.resource()) ? "OutOfSync" : sync, detail));
                }
                result.plan().problems().forEach(p -> errors.add(Map.of("cluster", session.name(), "error", p)));
            } catch (RuntimeException e) {
                errors.add(Map.of("cluster", session.name(), "error", ErrorReporter.describe(e)));
            }
        }
        return rows;
    }

    private static void printKafka(Engine engine, List<KafkaStatusRow> rows, List<Map<String, String>> errors, Style style, PrintWriter out) {
        for (var session : engine.sessions(io.connectops.engine.KafkaSession.class)) {
            out.println(style.bold("Kafka cluster " + session.name()) + " " + style.dim(session.target().cluster().bootstrapServers()));
            errors.stream().filter(e -> e.get("cluster").equals(session.name())).forEach(e -> out.println("  " + style.red(e.get("error"))));
            List<KafkaStatusRow> mine = rows.stream().filter(r -> r.cluster().equals(session.name())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            int width = Math.max(8, mine.stream().mapToInt(r -> r.resource().length()).max().orElse(8));
            out.printf("  %-" + width + "s  %-12s  %-11s  %s%n", "RESOURCE", "OWNER", "SYNC", "DETAIL");
            for (KafkaStatusRow row : mine) {
                String sync = row.sync().equals("Synced") ? style.green(pad(row.sync(), 11)) : style.yellow(pad(row.sync(), 11));
                out.printf("  %-" + width + "s  %-12s  %s  %s%n", row.resource(), row.owner(), sync, row.detail());
            }
        }
    }

    private static String pad(String s, int width) {
        return String.format("%-" + width + "s", s);
    }
}
