package io.connectops.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The last line of defence for "secrets never print": every secret value connectops learns (a secret
 * or sealed variable, the value of a key that is sensitive by name or by its plugin's PASSWORD type)
 * is registered here, and every text the CLI and the controller print passes through
 * {@link #redact(String)}. Plans and status mask by key already; this catches the rest, such as a
 * Connect error message that quotes a value, or a jq program that spliced a secret into a URL.
 *
 * <p>It is process-wide on purpose: a secret is secret for the whole process, and the writers that
 * print are set up before any file is read. Values shorter than {@value #MIN_LENGTH} characters are
 * not registered: replacing "ab" everywhere would garble every message and protect nothing real.
 */
public final class Redactor {
    public static final int MIN_LENGTH = 4;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();

    private Redactor() {
    }

    /**
     * Registers {@code value} and the forms it takes when printed by others: JSON-escaped, URL-encoded, and
     * each of its lines (a multi-line secret printed across two lines of an error is masked line by line).
     */
    public static void register(String value) {
        if (value == null || value.length() < MIN_LENGTH || Masks.isPlaceholder(value)) {
            return;
        }
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        forms.add(value);
        String json = jsonEscaped(value);
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        forms.add(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        forms.add(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        value.lines().map(String::strip).forEach(forms::add);
        boolean added = false;
        for (String form : forms) {
            if (form.length() >= MIN_LENGTH) {
                added |= SECRETS.add(form);
            }
        }
        if (added) {
            synchronized (Redactor.class) {
                longestFirst = SECRETS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            }
        }
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * How many characters at the end of {@code text} could be the start of a registered secret: a stream
     * that must pass text on before a line ends keeps those back, so a secret written in two pieces is
     * still seen whole.
     */
    public static int pendingSecretPrefix(CharSequence text) {
        int keep = 0;
        for (String secret : longestFirst) {
            int max = Math.min(secret.length() - 1, text.length());
            for (int n = max; n > keep; n--) {
                if (secret.regionMatches(0, text.toString(), text.length() - n, n)) {
                    keep = n;
                    break;
                }
            }
        }
        return keep;
    }

    /** The text with every registered secret replaced by {@link Masks#MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : longestFirst) {
            if (result.contains(secret)) {
                result = result.replace(secret, Masks.MASK);
            }
        }
        return result;
    }

    /** True when the text holds a registered secret (for tests and assertions). */
    public static boolean containsSecret(String text) {
        return text != null && longestFirst.stream().anyMatch(text::contains);
    }
}
