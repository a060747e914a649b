package io.connectops.secrets;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that holds text until a line ends (or flush), then passes it on through
 * {@link Redactor#redact}. Line-wise, so a secret is never split between two writes.
 */
public final class RedactingWriter extends Writer {
    private final Writer target;
    private final StringBuilder line = new StringBuilder();

    public RedactingWriter(Writer target) {
        this.target = target;
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
            target.write(Redactor.redact(line.toString()));
            line.setLength(0);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }
}
