package io.connectops.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte-stream twin of {@link RedactingWriter}, for {@code System.out} and {@code System.err}:
 * installed first thing in a connectops process, so log lines (log4j's console appender writes to
 * them) pass through {@link Redactor#redactAll} too.
 */
public final class RedactingOutputStream extends OutputStream {
    private final OutputStream target;
    private final Redactor redactor;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public RedactingOutputStream(OutputStream target, Redactor redactor) {
        this.target = target;
        this.redactor = redactor;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    private void emit() throws IOException {
        if (line.size() > 0) {
            target.write(redactor.redactAll(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }

    /**
     * Passes on what is written so far (log4j flushes after each piece of a line), except an end that
     * could be the start of a secret: it waits for the rest of the line.
     */
    @Override
    public synchronized void flush() throws IOException {
        String pending = line.toString(StandardCharsets.UTF_8);
        int keep = redactor.pendingSecretPrefix(pending);
        line.reset();
        if (pending.length() > keep) {
            target.write(redactor.redactAll(pending.substring(0, pending.length() - keep)).getBytes(StandardCharsets.UTF_8));
        }
        line.write(pending.substring(pending.length() - keep).getBytes(StandardCharsets.UTF_8));
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit();
        target.flush();
        target.close();
    }
}
