package io.connectops.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetPlan;

/**
 * The plan for people: Terraform-like (+ create, ~ update, - delete), and as Markdown for a pull request. Written once
 * for every target API: a target's words come from its {@link io.connectops.plan.TargetKind}.
 */
public final class PlanText {
    private PlanText() {
    }

    public static String text(Plan plan, Style style) {
        StringBuilder out = new StringBuilder();
        for (TargetPlan target : plan.targets()) {
            targetText(target, plan.prune(), style, out);
        }
        out.append('\n').append(style.bold(plan.summary())).append('\n');
        return out.toString();
    }

    private static void targetText(TargetPlan target, boolean prune, Style style, StringBuilder out) {
        out.append(style.bold(target.kind().title() + " " + target.name())).append(' ')
                .append(style.dim(target.kind().address(target.addresses()))).append('\n');
        if (target.error() != null) {
            out.append("  ").append(style.red("! unreachable: " + target.error())).append('\n');
            return;
        }
        if (target.bulkReadFallback()) {
            out.append("  ").append(style.yellow("! the bulk read failed; " + target.kind().plural() + " were read one by one")).append('\n');
        }
        for (String problem : target.problems()) {
            out.append("  ").append(style.yellow("! " + problem + "; what it concerns is left alone")).append('\n');
        }
        if (target.ownershipProblem() != null) {
            out.append("  ").append(style.yellow("! ownership unknown: " + target.ownershipProblem() + "; nothing of unknown ownership "
                    + "is ever deleted")).append('\n');
        }
        if (target.pruneRefused(prune)) {
            out.append("  ").append(style.red("! prune refused: whether connectops owns " + abbreviate(target.ownershipUnknown())
                    + " is unknown; fix the ownership record or 'connectops adopt' them, then prune again")).append('\n');
        }
        List<Change> shown = target.changes().stream().filter(c -> c.action() != Action.NONE || c.note() != null).toList();
        if (shown.isEmpty()) {
            out.append("  no changes\n");
        }
        for (Change change : shown) {
            String label = target.kind().label(change);
            switch (change.action()) {
                case CREATE -> out.append(style.green("  + " + label)).append(" will be created")
                        .append(change.state() == null || change.state().to() == null ? "" : " " + change.state().to().yamlName());
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
            if (change.stateChanges()) {
                out.append(style.yellow("      ~ state: " + change.state().from().yamlName() + " -> " + change.state().to().yamlName())).append('\n');
            }
            if (change.note() != null) {
                out.append(style.dim("      # " + change.note())).append('\n');
            }
        }
        if (!target.unmanaged().isEmpty()) {
            out.append(style.dim("  " + target.unmanaged().size() + " " + target.kind().noun() + " not managed by connectops, left alone: "
                    + abbreviate(target.unmanaged()))).append('\n');
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
        // Teams (docs/teams.md): the plan names the teams a change touches, for their review (CODEOWNERS), and groups by them.
        List<String> teams = plan.targets().stream().flatMap(t -> t.changes().stream()).filter(c -> c.action() != Action.NONE)
                .map(PlanText::team).filter(t -> !t.isEmpty()).distinct().sorted().toList();
        if (!teams.isEmpty()) {
            out.append("\nTeams touched: ").append(String.join(", ", teams.stream().map(t -> "`" + escape(t) + "`").toList())).append('\n');
        }
        for (TargetPlan target : plan.targets()) {
            out.append("\n#### ").append(target.kind().title()).append(" `").append(target.name()).append("`\n\n");
            if (target.error() != null) {
                out.append(":warning: unreachable: ").append(escape(target.error())).append('\n');
                continue;
            }
            target.problems().forEach(p -> out.append(":warning: ").append(escape(p)).append("\n\n"));
            if (target.pruneRefused(plan.prune())) {
                out.append(":warning: prune refused: ownership of ").append(escape(abbreviate(target.ownershipUnknown())))
                        .append(" is unknown\n\n");
            }
            List<Change> changed = target.changes().stream().filter(c -> c.action() != Action.NONE)
                    .sorted(java.util.Comparator.comparing(PlanText::team)).toList();
            if (changed.isEmpty()) {
                out.append("No changes.\n");
                continue;
            }
            String column = target.kind().primaryKind() == null ? "resource" : target.kind().primaryKind().toLowerCase(Locale.ROOT);
            out.append("| | ").append(column).append(" | change | source |").append(teams.isEmpty() ? "" : " team |")
                    .append("\n|---|---|---|---|").append(teams.isEmpty() ? "" : "---|").append('\n');
            for (Change change : changed) {
                String label = target.kind().label(change);
                int space = label.indexOf(' ');
                String shown = change.kind().equals(target.kind().primaryKind()) ? "`" + escape(label) + "`"
                        : label.substring(0, space) + " `" + escape(change.name()) + "`";
                out.append("| ").append(symbol(change.action())).append(" | ").append(shown).append(" | ")
                        .append(describe(change)).append(" | ").append(change.source() == null ? "" : "`" + escape(change.source()) + "`")
                        .append(" |").append(teams.isEmpty() ? "" : " " + escape(team(change)) + " |").append('\n');
            }
            out.append("\n<details><summary>Details</summary>\n\n```diff\n");
            for (Change change : changed) {
                out.append(switch (change.action()) {
                    case CREATE -> "+ ";
                    case DELETE -> "- ";
                    default -> "! ";
                }).append(target.kind().label(change)).append('\n');
                for (KeyChange key : change.keyChanges()) {
                    out.append(PlanText.keyLine(key, Style.PLAIN).replaceFirst("^      ~", "!     ").replaceFirst("^      ", "  ")).append('\n');
                }
                if (change.stateChanges()) {
                    out.append("!     state: ").append(change.state().from().yamlName()).append(" -> ").append(change.state().to().yamlName())
                            .append('\n');
                }
            }
            out.append("```\n\n</details>\n");
        }
        return out.toString();
    }

    /** The team a change is made for (its owner id), or "". */
    private static String team(Change change) {
        return change.owner().ours() && change.owner().detail() != null ? change.owner().detail() : "";
    }

    private static String symbol(Action action) {
        return switch (action) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
            case NONE -> " ";
        };
    }

    /** One cell: "create (paused)", "update: 2 key(s), running → paused", "delete". */
    private static String describe(Change change) {
        return switch (change.action()) {
            case CREATE -> "create" + (change.state() == null || change.state().to() == null ? "" : " (" + change.state().to().yamlName() + ")");
            case DELETE -> "delete";
            case NONE -> "none";
            case UPDATE -> {
                List<String> parts = new ArrayList<>();
                if (!change.keyChanges().isEmpty()) {
                    parts.add(change.keyChanges().size() + " key(s)");
                }
                if (change.stateChanges()) {
                    parts.add(change.state().from().yamlName() + " → " + change.state().to().yamlName());
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
