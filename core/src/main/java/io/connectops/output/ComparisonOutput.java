package io.connectops.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.connectops.compare.Comparison;
import io.connectops.plan.Sensitivity;

/** A comparison as text (a terminal, a CI log), Markdown (a pull-request comment) and JSON (other tools). */
public final class ComparisonOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonOutput() {
    }

    public static String text(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(c.a()).append('\n').append("B: ").append(c.b()).append('\n');
        if (!c.entries().stream().allMatch(e -> e.state() == Comparison.State.SAME)) {
            out.append('\n');
        }
        for (Comparison.Entry e : c.entries()) {
            switch (e.state()) {
                case ONLY_IN_A -> out.append("- only in A: ").append(e.id()).append(at(e.sourceA())).append('\n');
                case ONLY_IN_B -> out.append("+ only in B: ").append(e.id()).append(at(e.sourceB())).append('\n');
                case DIFFERS, EXPECTED_ONLY -> {
                    out.append(e.state() == Comparison.State.DIFFERS ? "~ " : "  ").append(e.id())
                            .append(e.state() == Comparison.State.EXPECTED_ONLY ? " (only expected differences)" : "").append('\n');
                    for (Comparison.KeyDifference k : e.differences()) {
                        out.append(k.expected() ? "      (expected) " : "      ").append(k.key()).append(": ").append(values(k)).append('\n');
                    }
                }
                default -> { }
            }
        }
        out.append('\n').append(summary(c)).append('\n');
        return out.toString();
    }

    public static String markdown(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("### connectops compare\n\n**A** `").append(c.a()).append("` · **B** `").append(c.b()).append("`\n\n")
                .append(summary(c)).append("\n\n");
        List<Comparison.Entry> shown = c.entries().stream().filter(e -> e.state() != Comparison.State.SAME).toList();
        if (shown.isEmpty()) {
            return out.toString();
        }
        out.append("| resource | | key | A | B |\n|---|---|---|---|---|\n");
        for (Comparison.Entry e : shown) {
            switch (e.state()) {
                case ONLY_IN_A -> out.append("| `").append(e.id()).append("` | only in A | | | |\n");
                case ONLY_IN_B -> out.append("| `").append(e.id()).append("` | only in B | | | |\n");
                default -> {
                    for (Comparison.KeyDifference k : e.differences()) {
                        out.append("| `").append(e.id()).append("` | ").append(k.expected() ? "expected" : "**differs**").append(" | `")
                                .append(k.key()).append("` | ").append(cell(k, k.a())).append(" | ").append(cell(k, k.b())).append(" |\n");
                    }
                }
            }
        }
        return out.toString();
    }

    public static String json(Comparison c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", c.a());
        root.put("b", c.b());
        root.put("equal", c.equal());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Comparison.Entry e : c.entries()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kind", e.kind());
            r.put("name", e.name());
            r.put("state", switch (e.state()) {
                case ONLY_IN_A -> "onlyInA";
                case ONLY_IN_B -> "onlyInB";
                case DIFFERS -> "differs";
                case EXPECTED_ONLY -> "expectedOnly";
                case SAME -> "same";
            });
            if (e.sourceA() != null) {
                r.put("sourceA", e.sourceA());
            }
            if (e.sourceB() != null) {
                r.put("sourceB", e.sourceB());
            }
            if (!e.differences().isEmpty()) {
                r.put("keys", e.differences().stream().map(k -> {
                    Map<String, Object> key = new LinkedHashMap<>();
                    key.put("key", k.key());
                    key.put("a", k.sensitive() ? null : k.a());
                    key.put("b", k.sensitive() ? null : k.b());
                    key.put("sensitive", k.sensitive());
                    key.put("expected", k.expected());
                    return key;
                }).toList());
            }
            resources.add(r);
        }
        root.put("resources", resources);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String summary(Comparison c) {
        long onlyA = c.count(Comparison.State.ONLY_IN_A);
        long onlyB = c.count(Comparison.State.ONLY_IN_B);
        long differs = c.count(Comparison.State.DIFFERS);
        long expected = c.entries().stream().flatMap(e -> e.differences().stream()).filter(Comparison.KeyDifference::expected).count();
        long same = c.count(Comparison.State.SAME) + c.count(Comparison.State.EXPECTED_ONLY);
        String head = c.equal() ? "Equal" : "Different";
        return head + ": " + same + " the same" + (onlyA > 0 ? ", " + onlyA + " only in A" : "") + (onlyB > 0 ? ", " + onlyB + " only in B" : "")
                + (differs > 0 ? ", " + differs + " differing" : "") + (expected > 0 ? " (" + expected + " key(s) differ as expected, not counted)" : "")
                + ".";
    }

    private static String at(String source) {
        return source == null ? "" : " (" + source + ")";
    }

    private static String values(Comparison.KeyDifference k) {
        if (k.sensitive()) {
            return Sensitivity.MASK + " differs";
        }
        return show(k.a()) + " ≠ " + show(k.b());
    }

    private static String show(String value) {
        return value == null ? "(absent)" : "\"" + value + "\"";
    }

    private static String cell(Comparison.KeyDifference k, String value) {
        if (k.sensitive()) {
            return Sensitivity.MASK;
        }
        return value == null ? "(absent)" : "`" + value.replace("|", "\\|").replace("`", "'") + "`";
    }
}
