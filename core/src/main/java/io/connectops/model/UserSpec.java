package io.connectops.model;

/**
 * A SCRAM user. Its password is either given (from a secret variable) or generated once by connectops and
 * written to {@code passwordFile} (0600); a generated password is never regenerated unless
 * {@code rotateToken} changes.
 *
 * @param mechanism    SCRAM-SHA-256 or SCRAM-SHA-512
 * @param password     the password to set, or null to generate one (never printed)
 * @param passwordFile where a generated password is written (and read back on a later run), or null
 * @param rotateToken  any text; changing it sets a new password (generated, or the given one again)
 */
public record UserSpec(String name, String cluster, boolean clusterIsHint, Mechanism mechanism, int iterations, String password,
                       String passwordFile, String rotateToken, SourceLocation source) {
    public static final int DEFAULT_ITERATIONS = 8192;

    public enum Mechanism {
        SCRAM_SHA_256("SCRAM-SHA-256"), SCRAM_SHA_512("SCRAM-SHA-512");

        private final String label;

        Mechanism(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Mechanism parse(String text) {
            String key = text.trim().replace('_', '-').toUpperCase(java.util.Locale.ROOT);
            for (Mechanism mechanism : values()) {
                if (mechanism.label.equals(key)) {
                    return mechanism;
                }
            }
            return null;
        }
    }

    public String principal() {
        return "User:" + name;
    }

    @Override
    public String toString() {
        return "UserSpec[" + name + " " + mechanism.label() + (password != null ? " password (sensitive)" : " generated") + "]";
    }
}
