package io.connectops.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.plan.Sensitivity;

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

    public static void register(String value) {
        if (value == null || value.length() < MIN_LENGTH || Sensitivity.isPlaceholder(value)) {
            return;
        }
        if (SECRETS.add(value)) {
            synchronized (Redactor.class) {
                longestFirst = SECRETS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            }
        }
    }

    /** The text with every registered secret replaced by {@link Sensitivity#MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : longestFirst) {
            if (result.contains(secret)) {
                result = result.replace(secret, Sensitivity.MASK);
            }
        }
        return result;
    }

    /** True when the text holds a registered secret (for tests and assertions). */
    public static boolean containsSecret(String text) {
        return text != null && longestFirst.stream().anyMatch(text::contains);
    }
}
