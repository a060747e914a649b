package io.connectops.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of sequences of texts, for plan digests, content digests and live fingerprints. */
public final class Digests {
    private Digests() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code text} to the digest, length-prefixed so no two sequences of texts digest alike. */
    public static void update(MessageDigest sha, String text) {
        byte[] bytes = (text == null ? "\u0000null" : text).getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    /** The digest of these texts, in hex. */
    public static String of(String... texts) {
        MessageDigest sha = sha256();
        for (String text : texts) {
            update(sha, text);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
