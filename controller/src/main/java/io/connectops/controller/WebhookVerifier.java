package io.connectops.controller;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook call comes from the Git host: GitHub (and Gitea, Bitbucket Server) sign the
 * body with HMAC-SHA256 in {@code X-Hub-Signature-256: sha256=<hex>}; GitLab sends the shared secret
 * in {@code X-Gitlab-Token}. Comparisons take constant time.
 */
final class WebhookVerifier {
    private final byte[] secret;

    WebhookVerifier(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @param header the request's header by name (case-insensitive), null when absent */
    boolean verify(Function<String, String> header, byte[] body) {
        String signature = header.apply("X-Hub-Signature-256");
        if (signature != null) {
            if (!signature.startsWith("sha256=")) {
                return false;
            }
            byte[] expected = HexFormat.of().formatHex(hmac(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.substring("sha256=".length()).toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        String token = header.apply("X-Gitlab-Token");
        return token != null && MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
    }

    byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
