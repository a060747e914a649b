package io.connectops.plan;

import java.util.Set;
import java.util.regex.Pattern;

import io.connectops.model.ConnectorSpec;

/**
 * Which config values are never printed. A key is sensitive when its name looks like a secret
 * (documented in docs/secrets.md), when the plugin declares it as PASSWORD, or when its value was
 * filled in from a secret variable. Kafka ConfigProvider
 * placeholders ({@code ${file:...}}) are not secrets themselves and stay visible.
 */
public final class Sensitivity {
    public static final String MASK = "(sensitive)";
    /** Key names that hold secrets by convention. */
    public static final Pattern SENSITIVE_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|api[._-]?key|private[._-]?key|sasl\\.jaas\\.config|keystore\\.key|basic\\.auth\\.user\\.info).*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:[^}]*}");

    private final Set<String> passwordKeys;
    /** Keys of one connector whose value was filled in from a secret variable: masked whatever they hold. */
    private final Set<String> secretKeys;

    public Sensitivity(Set<String> passwordKeys) {
        this(passwordKeys, Set.of());
    }

    private Sensitivity(Set<String> passwordKeys, Set<String> secretKeys) {
        this.passwordKeys = Set.copyOf(passwordKeys);
        this.secretKeys = Set.copyOf(secretKeys);
    }

    public static Sensitivity byName() {
        return new Sensitivity(Set.of());
    }

    /** This sensitivity plus the keys of {@code spec} that came from secret variables. */
    public Sensitivity forConnector(ConnectorSpec spec) {
        return spec == null || spec.sensitiveKeys().isEmpty() ? this : new Sensitivity(passwordKeys, spec.sensitiveKeys());
    }

    public boolean isSensitive(String key) {
        return secretKeys.contains(key) || passwordKeys.contains(key) || SENSITIVE_KEY.matcher(key).matches();
    }

    /** The value as it may be shown: a placeholder stays readable, a secret becomes {@link #MASK}. */
    public String display(String key, String value) {
        if (value == null) {
            return null;
        }
        if (secretKeys.contains(key) || isSensitive(key) && !isPlaceholder(value)) {
            return MASK;
        }
        return value;
    }

    /** A whole-value Kafka ConfigProvider placeholder such as {@code ${file:/etc/secrets.properties:password}}. */
    public static boolean isPlaceholder(String value) {
        return value != null && PLACEHOLDER.matcher(value).matches();
    }
}
