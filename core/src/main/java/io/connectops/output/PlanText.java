package io.connectops.output;

import java.util.List;

import io.connectops.plan.Action;
import io.connectops.plan.ClusterPlan;
import io.connectops.plan.ConnectorChange;
import io.connectops.plan.KafkaChange;
import io.connectops.plan.KafkaPlan;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;

/** The plan for people: Terraform-like (+ create, ~ update, - delete), and as Markdown for a pull request. */
public final class PlanText {
    private PlanText() {
    }

    public static String text(Plan plan, Style style) {
        StringBuilder out = new StringBuilder();
        for (ClusterPlan cluster : plan.clusters()) {
            out.append(style.bold("Cluster " + cluster.cluster())).append(' ').append(style.dim(cluster.urls().toString())).append('\n');
            if (cluster.error() != null) {
                out.append("  ").append(style.red("! unreachable: " + cluster.error())).append('\n');
                continue;
            }
            if (cluster.bulkReadFallback()) {
                out.append("  ").append(style.yellow("! the bulk read failed; connectors were read one by one")).append('\n');
            }
            if (cluster.ownershipProblem() != null) {
                out.append("  ").append(style.yellow("! ownership unknown: " + cluster.ownershipProblem() + "; nothing of unknown ownership "
                        + "is ever deleted")).append('\n');
            }
            if (cluster.pruneRefused(plan.prune())) {
                out.append("  ").append(style.red("! prune refused: whether connectops owns " + abbreviate(cluster.ownershipUnknown())
                        + " is unknown; fix the ownership record or 'connectops adopt' them, then prune again")).append('\n');
            }
            List<ConnectorChange> shown = cluster.changes().stream().filter(c -> c.action() != Action.NONE || c.note() != null).toList();
            if (shown.isEmpty()) {
                out.append("  no changes\n");
            }
            for (ConnectorChange change : shown) {
                switch (change.action()) {
                    case CREATE -> out.append(style.green("  + " + change.connector())).append(" will be created")
                            .append(change.stateTo() == null ? "" : " " + change.stateTo().yamlName());
                    case UPDATE -> out.append(style.yellow("  ~ " + change.connector())).append(" will be updated");
                    case DELETE -> out.append(style.red("  - " + change.connector())).append(" will be deleted");
                    case NONE -> out.append("    ").append(change.connector());
                }
                if (change.source() != null) {
                    out.append(style.dim("  (" + change.source() + ")"));
                }
                out.append('\n');
                for (KeyChange key : change.configChanges()) {
                    out.append(keyLine(key, style)).append('\n');
                }
                if (change.action() == Action.UPDATE && change.stateTo() != null) {
                    out.append(style.yellow("      ~ state: " + change.stateFrom().yamlName() + " -> " + change.stateTo().yamlName())).append('\n');
                }
                if (change.note() != null) {
                    out.append(style.dim("      # " + change.note())).append('\n');
                }
            }
            if (!cluster.unmanaged().isEmpty()) {
                out.append(style.dim("  " + cluster.unmanaged().size() + " connector(s) not managed by connectops, left alone: "
                        + abbreviate(cluster.unmanaged()))).append('\n');
            }
        }
        for (KafkaPlan kafka : plan.kafka()) {
            kafkaText(kafka, plan.prune(), style, out);
        }
        out.append('\n').append(style.bold(plan.summary())).append('\n');
        return out.toString();
    }

    private static void kafkaText(KafkaPlan kafka, boolean prune, Style style, StringBuilder out) {
        out.append(style.bold("Kafka cluster " + kafka.cluster())).append(' ').append(style.dim(kafka.bootstrapServers())).append('\n');
        if (kafka.error() != null) {
            out.append("  ").append(style.red("! unreachable: " + kafka.error())).append('\n');
            return;
        }
        for (String problem : kafka.problems()) {
            out.append("  ").append(style.yellow("! " + problem + "; what it concerns is left alone")).append('\n');
        }
        if (kafka.pruneRefused(prune)) {
            out.append("  ").append(style.red("! prune refused: whether connectops owns " + abbreviate(kafka.ownershipUnknown())
                    + " is unknown; nothing is deleted")).append('\n');
        }
        List<KafkaChange> shown = kafka.changes().stream().filter(c -> c.action() != Action.NONE || c.note() != null).toList();
        if (shown.isEmpty()) {
            out.append("  no changes\n");
        }
        for (KafkaChange change : shown) {
            String label = change.kind().toLowerCase(java.util.Locale.ROOT) + " " + change.name();
            switch (change.action()) {
                case CREATE -> out.append(style.green("  + " + label)).append(" will be created");
                case UPDATE -> out.append(style.yellow("  ~ " + label)).append(" will be updated");
                case DELETE -> out.append(style.red("  - " + label)).append(" will be deleted");
                case NONE -> out.append("    ").append(label);
            }
            if (change.source() != null) {
                out.append(style.dim("  (" + change.source() + ")"));
            }
            out.append('\n');
            for (KeyChange key : change.keyChanges()) {
                out.append(keyLine(key, style)).append('\n');
            }
            if (change.note() != null) {
                out.append(style.dim("      # " + change.note())).append('\n');
            }
        }
        if (!kafka.unmanaged().isEmpty()) {
            out.append(style.dim("  " + kafka.unmanaged().size() + " resource(s) not managed by connectops, left alone: "
                    + abbreviate(kafka.unmanaged()))).append('\n');
        }
    }

    private static String keyLine(KeyChange key, Style style) {
        String sensitive = key.sensitive() && key.kind() == KeyChange.Kind.CHANGED ? " (sensitive value changed)" : "";
        return switch (key.kind()) {
            case ADDED -> style.green("      + " + key.key() + ": " + quote(key.after()));
            case REMOVED -> style.red("      - " + key.key() + ": " + quote(key.before()));
            case CHANGED -> key.sensitive()
                    ? style.yellow("      ~ " + key.key() + ":" + sensitive)
                    : style.yellow("      ~ " + key.key() + ": " + quote(key.before()) + " -> " + quote(key.after()));
        };
    }

    public static String markdown(Plan plan) {
        StringBuilder out = new StringBuilder("### connectops plan\n\n**").append(plan.summary()).append("**\n");
        for (ClusterPlan cluster : plan.clusters()) {
            out.append("\n#### Cluster `").append(cluster.cluster()).append("`\n\n");
            if (cluster.error() != null) {
                out.append(":warning: unreachable: ").append(escape(cluster.error())).append('\n');
                continue;
            }
            if (cluster.pruneRefused(plan.prune())) {
                out.append(":warning: prune refused: ownership of ").append(escape(abbreviate(cluster.ownershipUnknown())))
                        .append(" is unknown\n\n");
            }
            List<ConnectorChange> changed = cluster.changes().stream().filter(c -> c.action() != Action.NONE).toList();
            if (changed.isEmpty()) {
                out.append("No changes.\n");
                continue;
            }
            out.append("| | connector | change | source |\n|---|---|---|---|\n");
            for (ConnectorChange change : changed) {
                String symbol = switch (change.action()) {
                    case CREATE -> "+";
                    case UPDATE -> "~";
                    case DELETE -> "-";
                    case NONE -> " ";
                };
                out.append("| ").append(symbol).append(" | `").append(escape(change.connector())).append("` | ")
                        .append(describe(change)).append(" | ").append(change.source() == null ? "" : "`" + escape(change.source()) + "`")
                        .append(" |\n");
            }
            out.append("\n<details><summary>Details</summary>\n\n```diff\n");
            for (ConnectorChange change : changed) {
                out.append(switch (change.action()) {
                    case CREATE -> "+ ";
                    case DELETE -> "- ";
                    default -> "! ";
                }).append(change.connector()).append('\n');
                for (KeyChange key : change.configChanges()) {
                    out.append(PlanText.keyLine(key, Style.PLAIN).replaceFirst("^      ~", "!     ").replaceFirst("^      ", "  ")).append('\n');
                }
                if (change.action() == Action.UPDATE && change.stateTo() != null) {
                    out.append("!     state: ").append(change.stateFrom().yamlName()).append(" -> ").append(change.stateTo().yamlName()).append('\n');
                }
            }
            out.append("```\n\n</details>\n");
        }
        for (KafkaPlan kafka : plan.kafka()) {
            out.append("\n#### Kafka cluster `").append(kafka.cluster()).append("`\n\n");
            if (kafka.error() != null) {
                out.append(":warning: unreachable: ").append(escape(kafka.error())).append('\n');
                continue;
            }
            kafka.problems().forEach(p -> out.append(":warning: ").append(escape(p)).append("\n\n"));
            List<KafkaChange> changed = kafka.changes().stream().filter(c -> c.action() != Action.NONE).toList();
            if (changed.isEmpty()) {
                out.append("No changes.\n");
                continue;
            }
            out.append("| | resource | change | source |\n|---|---|---|---|\n");
            for (KafkaChange change : changed) {
                String symbol = switch (change.action()) {
                    case CREATE -> "+";
                    case UPDATE -> "~";
                    case DELETE -> "-";
                    case NONE -> " ";
                };
                out.append("| ").append(symbol).append(" | ").append(change.kind().toLowerCase(java.util.Locale.ROOT)).append(" `")
                        .append(escape(change.name())).append("` | ").append(change.action().name().toLowerCase(java.util.Locale.ROOT))
                        .append(change.keyChanges().isEmpty() ? "" : ": " + change.keyChanges().size() + " change(s)").append(" | ")
                        .append(change.source() == null ? "" : "`" + escape(change.source()) + "`").append(" |\n");
            }
            out.append("\n<details><summary>Details</summary>\n\n```diff\n");
            for (KafkaChange change : changed) {
                out.append(change.action() == Action.CREATE ? "+ " : change.action() == Action.DELETE ? "- " : "! ")
                        .append(change.kind().toLowerCase(java.util.Locale.ROOT)).append(' ').append(change.name()).append('\n');
                for (KeyChange key : change.keyChanges()) {
                    out.append(PlanText.keyLine(key, Style.PLAIN).replaceFirst("^      ~", "!     ").replaceFirst("^      ", "  ")).append('\n');
                }
            }
            out.append("```\n\n</details>\n");
        }
        return out.toString();
    }

    private static String describe(ConnectorChange change) {
        return switch (change.action()) {
            case CREATE -> "create" + (change.stateTo() == null ? "" : " (" + change.stateTo().yamlName() + ")");
            case DELETE -> "delete";
            case NONE -> "none";
            case UPDATE -> {
                List<String> parts = new java.util.ArrayList<>();
                if (change.configChanged()) {
                    parts.add(change.configChanges().size() + " key(s)");
                }
                if (change.stateTo() != null) {
                    parts.add(change.stateFrom().yamlName() + " → " + change.stateTo().yamlName());
                }
                yield "update: " + String.join(", ", parts);
            }
        };
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value.replace("\"", "\\\"") + "\"";
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("`", "'");
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + ", ...";
    }
}
