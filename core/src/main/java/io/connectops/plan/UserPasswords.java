package io.connectops.plan;

import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What a user's claim remembers about its credential, so later runs neither regenerate nor miss a change:
 * the rotate token last applied, and a salted PBKDF2 fingerprint of the password (as strong as the SCRAM
 * credential Kafka itself stores, never the password). A SCRAM credential cannot be read back, so this is
 * the only way to tell "the secret changed" from "nothing to do".
 */
public final class UserPasswords {
    public static final String ROTATE_TOKEN = "rotateToken";
    static final String SALT = "salt";
    static final String FINGERPRINT = "fingerprint";
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserPasswords() {
    }

    /** A new password: 32 characters from 192 random bits. */
    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The claim attributes for a credential just set with {@code password}. */
    public static Map<String, String> attributes(String password, String rotateToken) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(SALT, Base64.getEncoder().encodeToString(salt));
        attributes.put(FINGERPRINT, fingerprint(password, salt));
        if (rotateToken != null) {
            attributes.put(ROTATE_TOKEN, rotateToken);
        }
        return attributes;
    }

    /** Whether {@code password} is the one recorded (false when nothing is recorded). */
    static boolean matches(String password, Map<String, String> recorded) {
        String salt = recorded.get(SALT);
        String fingerprint = recorded.get(FINGERPRINT);
        if (salt == null || fingerprint == null) {
            return false;
        }
        try {
            return java.security.MessageDigest.isEqual(fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    fingerprint(password, Base64.getDecoder().decode(salt)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String fingerprint(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return Base64.getEncoder().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }
}
