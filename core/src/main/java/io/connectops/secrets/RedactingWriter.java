package io.connectops.secrets;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that holds text until a line ends (or flush), then passes it on through
 * {@link Redactor#redactAll}. Line-wise, so a secret is never split between two writes; a flush before the
 * line ends keeps back any end that could begin a secret.
 */
public final class RedactingWriter extends Writer {
    private final Writer target;
    private final Redactor redactor;
    private final StringBuilder line = new StringBuilder();

    public RedactingWriter(Writer target, Redactor redactor) {
        this.target = target;
        this.redactor = redactor;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.append(chars[i]);
            if (chars[i] == '\n') {
                emit();
            }
        }
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            target.write(redactor.redactAll(line.toString()));
            line.setLength(0);
        }
    }

    /** Passes on what is written so far, except an end that could be the start of a secret (it waits for the rest). */
    @Override
    public synchronized void flush() throws IOException {
        int keep = redactor.pendingSecretPrefix(line);
        String tail = line.substring(line.length() - keep);
        line.setLength(line.length() - keep);
        emit();
        line.append(tail);
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit();
        target.flush();
        target.close();
    }
}
