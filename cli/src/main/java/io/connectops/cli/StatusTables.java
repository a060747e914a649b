package io.connectops.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.connectops.output.Style;
import io.connectops.plan.TargetKind;
import io.connectops.status.ConnectorStatusRow;
import io.connectops.status.KafkaStatusRow;
import io.connectops.status.TargetStatus;

/**
 * How {@code status} shows one target, by the kind of its rows: a Connect cluster's connectors (state, tasks, owner,
 * failures), a Kafka cluster's resources of every kind (owner, sync, detail). The loop over targets is written once
 * ({@link StatusCommand}); a new target API adds its table here.
 */
final class StatusTables {
    /** Each target API's section in the JSON and YAML of {@code status} (docs/cli.md). */
    private static final Map<String, String> SECTIONS = Map.of(TargetKind.CONNECT.id(), "connectors", TargetKind.KAFKA.id(), "kafka");

    private StatusTables() {
    }

    static String section(TargetKind kind) {
        return SECTIONS.get(kind.id());
    }

    static void print(TargetStatus target, boolean given, Style style, PrintWriter out) {
        if (target.kind().equals(TargetKind.CONNECT)) {
            connectors(target, given, style, out);
        } else {
            resources(target, style, out);
        }
    }

    private static void connectors(TargetStatus target, boolean given, Style style, PrintWriter out) {
        out.println(style.bold(target.kind().title() + " " + target.name()) + " " + style.dim(target.address()));
        target.errors().forEach(e -> out.println("  " + style.red("unreachable: " + e.lines().findFirst().orElse(e))));
        List<ConnectorStatusRow> rows = target.rows().stream().map(ConnectorStatusRow.class::cast).toList();
        if (rows.isEmpty()) {
            if (target.errors().isEmpty()) {
                out.println("  no connectors");
            }
            return;
        }
        int width = Math.max(9, rows.stream().mapToInt(r -> r.connector().length()).max().orElse(9));
        String format = "  %-" + width + "s  %-11s  %-7s  %-10s" + (given ? "  %-10s  %-11s" : "%s%s") + "%n";
        out.printf(format, "CONNECTOR", "STATE", "TASKS", "OWNER", given ? "SYNC" : "", given ? "HEALTH" : "");
        for (ConnectorStatusRow row : rows) {
            String state = switch (row.state()) {
                case "RUNNING" -> style.green(pad(row.state(), 11));
                case "FAILED", "MISSING" -> style.red(pad(row.state(), 11));
                default -> style.yellow(pad(row.state(), 11));
            };
            out.printf("  %-" + width + "s  %s  %-7s  %-10s" + (given ? "  %-10s  %s" : "%s%s") + "%n", row.connector(), state,
                    row.runningTasks() + "/" + row.totalTasks(), row.owner(),
                    given ? (row.sync() == null ? "-" : row.sync().name()) : "",
                    given ? (row.health() == null ? "-" : row.health().name()) : "");
            for (ConnectorStatusRow.Failure failure : row.failures()) {
                out.println("      " + style.red((failure.task() < 0 ? "connector" : "task " + failure.task()) + " FAILED on "
                        + failure.workerId() + ": " + failure.trace()));
            }
        }
    }

    private static void resources(TargetStatus target, Style style, PrintWriter out) {
        out.println(style.bold(target.kind().title() + " " + target.name()) + " " + style.dim(target.address()));
        target.errors().forEach(e -> out.println("  " + style.red(e)));
        List<KafkaStatusRow> rows = target.rows().stream().map(KafkaStatusRow.class::cast).toList();
        if (rows.isEmpty()) {
            return;
        }
        int width = Math.max(8, rows.stream().mapToInt(r -> r.resource().length()).max().orElse(8));
        out.printf("  %-" + width + "s  %-12s  %-11s  %s%n", "RESOURCE", "OWNER", "SYNC", "DETAIL");
        for (KafkaStatusRow row : rows) {
            String sync = row.sync().equals("Synced") ? style.green(pad(row.sync(), 11)) : style.yellow(pad(row.sync(), 11));
            out.printf("  %-" + width + "s  %-12s  %s  %s%n", row.resource(), row.owner(), sync, row.detail());
        }
    }

    private static String pad(String s, int width) {
        return String.format("%-" + width + "s", s);
    }
}
