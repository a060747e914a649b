package io.connectops.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.security.PublicKey;

import org.junit.jupiter.api.Test;

class SealingTest {
    final Sealing.KeyPairPem keys = Sealing.generate();

    PublicKey publicKey() throws SealedValueException {
        return Sealing.readPublicKey(keys.publicPem());
    }

    @Test
    void aSealedValueOpensWithThePrivateKeyUnderItsName() throws Exception {
        String sealed = Sealing.seal(publicKey(), "db.password", "s3cr3t=with=equals ünïcode");
        assertTrue(sealed.startsWith("sealed:v1:" + Sealing.keyId(publicKey()) + ":"), sealed);
        assertFalse(sealed.contains("s3cr3t"));
        assertEquals("s3cr3t=with=equals ünïcode", Sealing.open(Sealing.readPrivateKey(keys.privatePem()), "db.password", sealed));
        assertNotEquals(sealed, Sealing.seal(publicKey(), "db.password", "s3cr3t=with=equals ünïcode"), "a fresh key and nonce every time");
    }

    @Test
    void theWrongKeyIsNamedAsSuch() throws Exception {
        String sealed = Sealing.seal(publicKey(), "x", "value");
        Sealing.Recipient other = Sealing.readPrivateKey(Sealing.generate().privatePem());
        SealedValueException e = assertThrows(SealedValueException.class, () -> Sealing.open(other, "x", sealed));
        assertTrue(e.getMessage().contains("sealed for another key"), e.getMessage());
    }

    @Test
    void anAlteredValueOrAnotherNameDoesNotAuthenticate() throws Exception {
        Sealing.Recipient recipient = Sealing.readPrivateKey(keys.privatePem());
        String sealed = Sealing.seal(publicKey(), "db.password", "value");
        char last = sealed.charAt(sealed.length() - 5);
        String tampered = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 4);
        SealedValueException altered = assertThrows(SealedValueException.class, () -> Sealing.open(recipient, "db.password", tampered));
        assertTrue(altered.getMessage().contains("does not authenticate"), altered.getMessage());
        SealedValueException moved = assertThrows(SealedValueException.class, () -> Sealing.open(recipient, "other.name", sealed));
        assertTrue(moved.getMessage().contains("another name than 'other.name'"), moved.getMessage());
        SealedValueException cut = assertThrows(SealedValueException.class,
                () -> Sealing.open(recipient, "db.password", sealed.substring(0, 40)));
        assertTrue(cut.getMessage().startsWith("malformed sealed value"), cut.getMessage());
    }

    @Test
    void keysAreReadOnlyFromTheirOwnPemBlocks() {
        assertThrows(SealedValueException.class, () -> Sealing.readPrivateKey(keys.publicPem()));
        assertThrows(SealedValueException.class, () -> Sealing.readPublicKey("not a key"));
    }

    @Test
    void redactingWritersMaskRegisteredSecretsLineByLine() throws Exception {
        Redactor redactor = new Redactor();
        redactor.register("Sup3rSecretValue");
        redactor.register("abc"); // too short to register: would garble every message
        StringWriter target = new StringWriter();
        try (RedactingWriter writer = new RedactingWriter(target, redactor)) {
            writer.write("user=app password=Sup3rSe");
            writer.write("cretValue abc\nnext line\n");
        }
        assertEquals("user=app password=(sensitive) abc\nnext line\n", target.toString());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (RedactingOutputStream stream = new RedactingOutputStream(bytes, redactor)) {
            stream.write("log: Sup3rSecret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stream.write("Value\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("log: (sensitive)\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
