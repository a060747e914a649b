package io.connectops.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealed values: the Sealed Secrets idea without Kubernetes. Anyone with the public key can seal a
 * value so it can be committed to Git; only the holder of the private key (the CLI in CI, the
 * controller) can open it. Everything comes from the JDK:
 *
 * <ul>
 *   <li>X25519 key agreement between a fresh ephemeral key and the recipient's key,</li>
 *   <li>HKDF-SHA256 (RFC 5869, two HMAC calls) to turn the shared secret into an AES-256 key,</li>
 *   <li>AES-256-GCM, with the scope (the variable's name) as associated data, so a sealed value
 *       copied onto another name fails to open.</li>
 * </ul>
 *
 * Text format (documented in docs/secrets.md):
 * {@code sealed:v1:<key id>:<base64url(ephemeral public key (44 bytes, X.509) | nonce (12) | ciphertext+tag)>}
 * where the key id is the first 8 bytes of SHA-256 over the recipient's public key, in hex, so the
 * wrong key is a clear error instead of an authentication failure.
 */
public final class Sealing {
    public static final String PREFIX = "sealed:v1:";
    private static final Pattern SEALED = Pattern.compile("sealed:v1:([0-9a-f]{16}):([A-Za-z0-9_-]+)");
    private static final int EPHEMERAL_LENGTH = 44;
    private static final int NONCE_LENGTH = 12;
    private static final byte[] INFO = "connectops sealed value v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair in PEM: the public half for sealing, the private half (with its public half) for opening. */
    public record KeyPairPem(String publicPem, String privatePem) {
    }

    /** An opened private key file: the private key and its public half (for the key id). */
    public record Recipient(PrivateKey privateKey, PublicKey publicKey) {
        public String keyId() {
            return Sealing.keyId(publicKey);
        }
    }

    private Sealing() {
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public static KeyPairPem generate() {
        try {
            java.security.KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
            String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + publicPem;
            return new KeyPairPem(publicPem, privatePem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make X25519 keys", e);
        }
    }

    public static PublicKey readPublicKey(String pem) throws SealedValueException {
        byte[] der = pemBlock(pem, "PUBLIC KEY");
        if (der == null) {
            throw new SealedValueException("not a public key: expected a '-----BEGIN PUBLIC KEY-----' block (from 'connectops keygen')");
        }
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedValueException("not an X25519 public key (from 'connectops keygen'): " + e.getMessage());
        }
    }

    public static Recipient readPrivateKey(String pem) throws SealedValueException {
        byte[] der = pemBlock(pem, "PRIVATE KEY");
        if (der == null) {
            throw new SealedValueException("not a private key: expected a '-----BEGIN PRIVATE KEY-----' block (from 'connectops keygen')");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("X25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new Recipient(privateKey, readPublicKey(pem));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedValueException("not an X25519 private key (from 'connectops keygen'): " + e.getMessage());
        }
    }

    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256(key.getEncoded()), 8));
    }

    /** Seals {@code plaintext} for the holder of {@code recipient}'s private key, bound to {@code scope}. */
    public static String seal(PublicKey recipient, String scope, String plaintext) {
        try {
            java.security.KeyPair ephemeral = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] ephemeralPublic = ephemeral.getPublic().getEncoded();
            byte[] key = deriveKey(ephemeral.getPrivate(), recipient, ephemeralPublic, recipient.getEncoded());
            byte[] nonce = new byte[NONCE_LENGTH];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(scope));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] body = new byte[ephemeralPublic.length + NONCE_LENGTH + ciphertext.length];
            System.arraycopy(ephemeralPublic, 0, body, 0, ephemeralPublic.length);
            System.arraycopy(nonce, 0, body, ephemeralPublic.length, NONCE_LENGTH);
            System.arraycopy(ciphertext, 0, body, ephemeralPublic.length + NONCE_LENGTH, ciphertext.length);
            return PREFIX + keyId(recipient) + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
        }
    }

    /** Opens a sealed value; the message of the exception says what is wrong and never holds the value. */
    public static String open(Recipient recipient, String scope, String sealed) throws SealedValueException {
        Matcher matcher = SEALED.matcher(sealed.strip());
        if (!matcher.matches()) {
            throw new SealedValueException("malformed sealed value: expected 'sealed:v1:<key id>:<data>' as printed by 'connectops seal'");
        }
        if (!matcher.group(1).equals(recipient.keyId())) {
            throw new SealedValueException("sealed for another key (key id " + matcher.group(1) + "); the private key given has key id "
                    + recipient.keyId() + ": seal it again with the matching public key, or pass the right --private-key");
        }
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("malformed sealed value: the data is not base64url");
        }
        if (body.length < EPHEMERAL_LENGTH + NONCE_LENGTH + 16) {
            throw new SealedValueException("malformed sealed value: too short (was it cut?)");
        }
        try {
            byte[] ephemeralPublic = Arrays.copyOfRange(body, 0, EPHEMERAL_LENGTH);
            PublicKey ephemeral = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(ephemeralPublic));
            byte[] key = deriveKey(recipient.privateKey(), ephemeral, ephemeralPublic, recipient.publicKey().getEncoded());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(128, body, EPHEMERAL_LENGTH, NONCE_LENGTH));
            cipher.updateAAD(aad(scope));
            byte[] plain = cipher.doFinal(body, EPHEMERAL_LENGTH + NONCE_LENGTH, body.length - EPHEMERAL_LENGTH - NONCE_LENGTH);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("sealed value does not authenticate: it was altered, or it was sealed for another name than '"
                    + scope + "' (seal it again with --name " + scope + ")");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedValueException("malformed sealed value: " + e.getMessage());
        }
    }

    private static byte[] deriveKey(PrivateKey own, PublicKey peer, byte[] ephemeralPublic, byte[] recipientPublic)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own);
        agreement.doPhase(peer, true);
        byte[] shared = agreement.generateSecret();
        byte[] salt = new byte[ephemeralPublic.length + recipientPublic.length];
        System.arraycopy(ephemeralPublic, 0, salt, 0, ephemeralPublic.length);
        System.arraycopy(recipientPublic, 0, salt, ephemeralPublic.length, recipientPublic.length);
        // HKDF-Extract then one block of HKDF-Expand (32 bytes is one SHA-256 block).
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(shared);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(INFO);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static byte[] aad(String scope) {
        return ("connectops-sealed-v1\u0000" + (scope == null ? "" : scope)).getBytes(StandardCharsets.UTF_8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBlock(String pem, String type) {
        Matcher matcher = Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----").matcher(pem);
        if (!matcher.find()) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(matcher.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
