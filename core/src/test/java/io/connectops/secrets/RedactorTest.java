package io.connectops.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The last net: what the stream redactor catches that the data-level masking could not see. */
class RedactorTest {
    private final Redactor redactor = new Redactor();

    static String unique(String base) {
        return base + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aMultiLineSecretPrintedAcrossTwoLinesIsMaskedLineByLine() {
        String secret = unique("-----BEGIN KEY-----\nMIIEvQ") + "\n" + unique("AbCdEf") + "\n-----END KEY-----";
        redactor.register(secret);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new RedactingOutputStream(sink, redactor), true, StandardCharsets.UTF_8);
        out.println("error: cannot parse key " + secret + " (bad padding)");
        String printed = sink.toString(StandardCharsets.UTF_8);
        for (String line : secret.lines().filter(l -> l.length() > 20).toList()) {
            assertFalse(printed.contains(line), printed);
        }
    }

    @Test
    void aLineWrittenInPiecesWithFlushesBetweenIsStillMasked() throws Exception {
        String secret = unique("hunter2-");
        redactor.register(secret);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RedactingOutputStream stream = new RedactingOutputStream(sink, redactor);
        // log4j writes a line in chunks and flushes after each one.
        stream.write(("WARN connecting with password=" + secret.substring(0, 5)).getBytes(StandardCharsets.UTF_8));
        stream.flush();
        stream.write((secret.substring(5) + " failed\n").getBytes(StandardCharsets.UTF_8));
        stream.flush();
        assertEquals("WARN connecting with password=(sensitive) failed\n", sink.toString(StandardCharsets.UTF_8));

        StringWriter text = new StringWriter();
        RedactingWriter writer = new RedactingWriter(text, redactor);
        writer.write("progress 1/2 " + secret.substring(0, 3));
        writer.flush();
        assertEquals("progress 1/2 ", text.toString(), "text that cannot start a secret is passed on at once");
        writer.write(secret.substring(3) + "\n");
        writer.flush();
        assertEquals("progress 1/2 (sensitive)\n", text.toString());
    }

    @Test
    void jsonEscapedAndUrlEncodedFormsAreMasked() {
        String secret = unique("p@ss \"w/rd\" ");
        redactor.register(secret);
        String json = "{\"password\":\"" + secret.replace("\"", "\\\"") + "\"}";
        String url = "https://hooks.example/?t=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertFalse(redactor.redact(json).contains("w/rd"), redactor.redact(json));
        assertTrue(redactor.redact(url).endsWith("?t=(sensitive)"), redactor.redact(url));
    }

    @Test
    void aTenantsTextsAreMaskedWithItsOwnSecretsNeverWithAnotherTenants() {
        Redactor process = new Redactor();
        Redactor orders = process.tenant();
        Redactor payments = process.tenant();
        String processSecret = unique("kafka-admin-");
        String ordersSecret = unique("orders-db-");
        String paymentsSecret = unique("payments-db-");
        process.register(processSecret);
        orders.register(ordersSecret);
        payments.register(paymentsSecret);

        String text = "connect with " + processSecret + ", then " + ordersSecret + " and " + paymentsSecret;
        // A team's status: its own secret and the process's masked; the other team's value is not matched against
        // (masking it would tell the team, by a mask, what the other team's secret is).
        assertEquals("connect with (sensitive), then (sensitive) and " + paymentsSecret, orders.redact(text));
        assertEquals("connect with (sensitive), then " + ordersSecret + " and (sensitive)", payments.redact(text));
        // The process's own texts and output (its logs) mask every secret any tenant registered.
        assertEquals("connect with (sensitive), then (sensitive) and (sensitive)", process.redactAll(text));
        assertEquals("connect with (sensitive), then (sensitive) and (sensitive)", process.redact(text));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new RedactingOutputStream(sink, process), true, StandardCharsets.UTF_8);
        out.println(text);
        assertEquals("connect with (sensitive), then (sensitive) and (sensitive)\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void twoRunsShareNothing() {
        Redactor first = new Redactor();
        Redactor second = new Redactor();
        String secret = unique("first-run-");
        first.register(secret);
        assertEquals("(sensitive)", first.redact(secret));
        assertEquals(secret, second.redact(secret));
        assertFalse(second.containsSecret(secret));
    }
}
