package io.connectops.secrets;

import java.util.regex.Pattern;

/** What stands for a secret in anything shown, and what is a reference to one rather than one. */
public final class Masks {
    /** Shown in place of a secret value. */
    public static final String MASK = "(sensitive)";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:[^}]*}");

    private Masks() {
    }

    /** A whole-value Kafka ConfigProvider placeholder such as {@code ${file:/etc/secrets.properties:password}}: a reference, not a secret. */
    public static boolean isPlaceholder(String value) {
        return value != null && PLACEHOLDER.matcher(value).matches();
    }
}
