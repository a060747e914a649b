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
    static String unique(String base) {
        return base + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aMultiLineSecretPrintedAcrossTwoLinesIsMaskedLineByLine() {
        String secret = unique("-----BEGIN KEY-----\nMIIEvQ") + "\n" + unique("AbCdEf") + "\n-----END KEY-----";
        Redactor.register(secret);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new RedactingOutputStream(sink), true, StandardCharsets.UTF_8);
        out.println("error: cannot parse key " + secret + " (bad padding)");
        String printed = sink.toString(StandardCharsets.UTF_8);
        for (String line : secret.lines().filter(l -> l.length() > 20).toList()) {
            assertFalse(printed.contains(line), printed);
        }
    }

    @Test
    void aLineWrittenInPiecesWithFlushesBetweenIsStillMasked() throws Exception {
        String secret = unique("hunter2-");
        Redactor.register(secret);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RedactingOutputStream stream = new RedactingOutputStream(sink);
        // log4j writes a line in chunks and flushes after each one.
        stream.write(("WARN connecting with password=" + secret.substring(0, 5)).getBytes(StandardCharsets.UTF_8));
        stream.flush();
        stream.write((secret.substring(5) + " failed\n").getBytes(StandardCharsets.UTF_8));
        stream.flush();
        assertEquals("WARN connecting with password=(sensitive) failed\n", sink.toString(StandardCharsets.UTF_8));

        StringWriter text = new StringWriter();
        RedactingWriter writer = new RedactingWriter(text);
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
        Redactor.register(secret);
        String json = "{\"password\":\"" + secret.replace("\"", "\\\"") + "\"}";
        String url = "https://hooks.example/?t=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertFalse(Redactor.redact(json).contains("w/rd"), Redactor.redact(json));
        assertTrue(Redactor.redact(url).endsWith("?t=(sensitive)"), Redactor.redact(url));
    }
}
