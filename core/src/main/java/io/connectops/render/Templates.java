package io.connectops.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * connectops' own substitution: {@code {{ NAME }}} and {@code {{ env.NAME }}} in any string value.
 * The syntax cannot be confused with Kafka's ConfigProvider placeholders ({@code ${file:...}},
 * {@code ${env:VAR}}, ...), which pass through to Connect untouched. There are no expressions,
 * functions or defaults: a template only names a variable, so rendering never runs code.
 * {@code \{{} stands for a literal {@code {{}.
 */
public final class Templates {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

    /** A rendered string, whether it used a secret, and the problems (unknown variable, bad syntax). */
    public record Rendered(String text, boolean secret, List<String> problems) {
    }

    private Templates() {
    }

    public static boolean hasTemplate(String text) {
        return text.contains("{{");
    }

    public static Rendered render(String text, Variables variables) {
        if (!hasTemplate(text)) {
            return new Rendered(text, false, List.of());
        }
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        boolean secret = false;
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            if (open > 0 && text.charAt(open - 1) == '\\') {
                out.append(text, i, open - 1).append("{{");
                i = open + 2;
                continue;
            }
            out.append(text, i, open);
            Matcher matcher = REFERENCE.matcher(text).region(open, text.length());
            if (!matcher.lookingAt()) {
                int close = text.indexOf("}}", open);
                String what = close < 0 ? text.substring(open) : text.substring(open, close + 2);
                problems.add("'" + what + "' is not a variable reference: write {{ NAME }} or {{ env.NAME }}"
                        + " (names: letters, digits, '_', '.', '-'), or \\{{ for a literal '{{'");
                out.append(what);
                i = open + what.length();
                continue;
            }
            String name = matcher.group(1);
            Variable variable = variables.lookup(name).orElse(null);
            if (variable == null) {
                problems.add(missing(name));
                out.append(matcher.group());
            } else {
                if (variable.secret()) {
                    secret = true;
                }
                out.append(variable.value());
            }
            i = matcher.end();
        }
        return new Rendered(out.toString(), secret, problems);
    }

    static String missing(String name) {
        if (name.startsWith(Variables.ENV_PREFIX)) {
            String env = name.substring(Variables.ENV_PREFIX.length());
            return "variable '" + name + "' is not defined: no environment variable " + env + " is visible (only those allowed "
                    + "are: --allow-env " + env + ", or CONNECTOPS_ALLOW_ENV)";
        }
        return "variable '" + name + "' is not defined: define it in a --values file, a --vars-dir or --secrets-dir "
                + "properties file, or use {{ env." + name + " }} for an environment variable";
    }
}
