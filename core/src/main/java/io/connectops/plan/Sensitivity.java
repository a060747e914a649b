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
    public static final String MASK = io.connectops.secrets.Masks.MASK;
    /** Key names that hold secrets by convention. */
    public static final Pattern SENSITIVE_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|api[._-]?key|private[._-]?key|sasl\\.jaas\\.config|keystore\\.key|basic\\.auth\\.user\\.info).*");

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

    /**
     * The value as it may be shown: a placeholder stays readable, a secret becomes {@link #MASK}, and in any
     * other value a password in a URL's user-info or in a password-like query parameter is masked
     * ({@code mongodb://admin:(sensitive)@db/}, {@code ?token=(sensitive)}).
     */
    public String display(String key, String value) {
        if (value == null) {
            return null;
        }
        if (secretKeys.contains(key) || isSensitive(key) && !isPlaceholder(value)) {
            return MASK;
        }
        return maskInValue(value);
    }

    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*:)([^/@\\s]+)(@)");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|secret|token|access[_-]?token|api[_-]?key|apikey|key|sig|signature|auth)=)([^&;#\\s]+)");

    /** Passwords inside a value that is not secret as a whole: URL user-info and password-like query parameters. */
    public static String maskInValue(String value) {
        if (value == null || value.indexOf(':') < 0 && value.indexOf('=') < 0) {
            return value;
        }
        String masked = URL_PASSWORD.matcher(value).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(MASK) + "$3");
        return QUERY_SECRET.matcher(masked).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(MASK));
    }

    /**
     * The value as a saved plan's digest may cover it. A digest over a secret value would be an offline
     * oracle for it (a dictionary attack on a plan file), so a secret is covered only keyed: an
     * HMAC-SHA256 with CONNECTOPS_PLAN_KEY when that is set (then a secret that changed between plan and
     * apply makes the plan stale), otherwise not at all (the plan stands for which secrets change, not
     * their values).
     */
    public String digestValue(String key, String value) {
        String shown = display(key, value);
        if (value == null || shown.equals(value)) {
            return value;
        }
        byte[] planKey = PlanKey.KEY;
        if (planKey == null) {
            return MASK;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(planKey, "HmacSHA256"));
            return "hmac:" + java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CONNECTOPS_PLAN_KEY, read once: the same in the plan and the apply job (a CI secret). */
    private static final class PlanKey {
        static final byte[] KEY = read();

        private static byte[] read() {
            String key = System.getenv("CONNECTOPS_PLAN_KEY");
            return key == null || key.isEmpty() ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A whole-value Kafka ConfigProvider placeholder such as {@code ${file:/etc/secrets.properties:password}}. */
    public static boolean isPlaceholder(String value) {
        return io.connectops.secrets.Masks.isPlaceholder(value);
    }
}
