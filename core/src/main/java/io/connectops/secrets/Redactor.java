package io.connectops.secrets;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The last line of defence for "secrets never print": every secret value a run learns (a secret or sealed
 * variable, the value of a key that is sensitive by name or by its plugin's PASSWORD type, a generated
 * password) is registered with the run's redactor, and every text the run prints passes through
 * {@link #redact(String)}. Plans and status mask by key already; this catches the rest, such as a Connect
 * error message that quotes a value, or a jq program that spliced a secret into a URL.
 *
 * <p>One instance per run: the CLI makes one per command line and wraps the process's standard streams with
 * it; {@code sync} one per controller. A run that serves several tenants (the operator's namespaces) gives
 * each a {@link #tenant()}: a tenant's texts are masked with its own secrets and those of the process, never
 * matched against another tenant's (which would tell one team, by a mask, what another team's secret is),
 * while the process's own output (its logs) still masks everything any tenant registered.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are not registered: replacing "ab" everywhere would
 * garble every message and protect nothing real.
 */
public final class Redactor {
    public static final int MIN_LENGTH = 4;

    private final Redactor parent;
    /** Registered on this redactor: what its own texts are masked with. */
    private final SecretSet own = new SecretSet();
    /** Its own and every tenant's below it: what the output it wraps (a process's streams) is masked with. */
    private final SecretSet everything = new SecretSet();

    /** A run's redactor, knowing no secret yet. */
    public Redactor() {
        this(null);
    }

    private Redactor(Redactor parent) {
        this.parent = parent;
    }

    /** A redactor for one tenant of this run: see the class comment. */
    public Redactor tenant() {
        return new Redactor(this);
    }

    /**
     * Registers {@code value} and the forms it takes when printed by others: JSON-escaped, URL-encoded, and
     * each of its lines (a multi-line secret printed across two lines of an error is masked line by line).
     */
    public void register(String value) {
        if (value == null || value.length() < MIN_LENGTH || Masks.isPlaceholder(value)) {
            return;
        }
        List<String> forms = forms(value);
        own.addAll(forms);
        for (Redactor r = this; r != null; r = r.parent) {
            r.everything.addAll(forms);
        }
    }

    /**
     * A text of this redactor's: the run's own (status, events, errors) with every secret of the run and of its tenants
     * replaced by {@link Masks#MASK}; a tenant's with its own secrets and those of the run it belongs to.
     */
    public String redact(String text) {
        if (parent == null) {
            return everything.mask(text);
        }
        String result = text;
        for (Redactor r = this; r != null; r = r.parent) {
            result = r.own.mask(result);
        }
        return result;
    }

    /** Output this redactor wraps (the process's streams): every secret of this run and of all its tenants masked. */
    public String redactAll(String text) {
        return everything.mask(text);
    }

    /**
     * How many characters at the end of {@code text} could be the start of a secret {@link #redactAll} masks: a
     * stream that must pass text on before a line ends keeps those back, so a secret written in two pieces is
     * still seen whole.
     */
    public int pendingSecretPrefix(CharSequence text) {
        return everything.pendingPrefix(text.toString());
    }

    /** True when the text holds a secret of this run or a tenant's (for tests and assertions). */
    public boolean containsSecret(String text) {
        return text != null && !everything.mask(text).equals(text);
    }

    private static List<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String json = jsonEscaped(value);
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        forms.add(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        forms.add(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        value.lines().map(String::strip).forEach(forms::add);
        return forms.stream().filter(f -> f.length() >= MIN_LENGTH).toList();
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

    /** A set of secret forms, kept longest first so a secret that contains another is masked whole. */
    private static final class SecretSet {
        private final Set<String> secrets = ConcurrentHashMap.newKeySet();
        private volatile List<String> longestFirst = List.of();

        void addAll(List<String> forms) {
            boolean added = false;
            for (String form : forms) {
                added |= secrets.add(form);
            }
            if (added) {
                synchronized (this) {
                    longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
                }
            }
        }

        String mask(String text) {
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

        int pendingPrefix(String text) {
            int keep = 0;
            for (String secret : longestFirst) {
                int max = Math.min(secret.length() - 1, text.length());
                for (int n = max; n > keep; n--) {
                    if (secret.regionMatches(0, text, text.length() - n, n)) {
                        keep = n;
                        break;
                    }
                }
            }
            return keep;
        }
    }
}
