package io.connectops.plan;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which config values are never printed. A key is sensitive when its name looks like a secret
 * (documented in docs/secrets.md) or when the plugin declares it as PASSWORD. Kafka ConfigProvider
 * placeholders ({@code ${file:...}}) are not secrets themselves and stay visible.
 */
public final class Sensitivity {
    public static final String MASK = "(sensitive)";
    /** Key names that hold secrets by convention. */
    public static final Pattern SENSITIVE_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|api[._-]?key|private[._-]?key|sasl\\.jaas\\.config|keystore\\.key|basic\\.auth\\.user\\.info).*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:[^}]*}");

    private final Set<String> passwordKeys;

    public Sensitivity(Set<String> passwordKeys) {
        this.passwordKeys = Set.copyOf(passwordKeys);
    }

    public static Sensitivity byName() {
        return new Sensitivity(Set.of());
    }

    public boolean isSensitive(String key) {
        return passwordKeys.contains(key) || SENSITIVE_KEY.matcher(key).matches();
    }

    /** The value as it may be shown: a placeholder stays readable, a secret becomes {@link #MASK}. */
    public String display(String key, String value) {
        if (value == null) {
            return null;
        }
        if (isSensitive(key) && !PLACEHOLDER.matcher(value).matches()) {
            return MASK;
        }
        return value;
    }
}
