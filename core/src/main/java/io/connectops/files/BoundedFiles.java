package io.connectops.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading files that someone else committed. A file found inside a directory tree is read only when its
 * real path stays inside that tree (a committed symbolic link to /etc/passwd or /proc/self/environ is
 * refused), and no file is read past {@link #MAX_FILE_BYTES}.
 */
public final class BoundedFiles {
    /** Far above any declaration or properties file; a larger one is a mistake or an attack. */
    public static final long MAX_FILE_BYTES = 8L << 20;

    private BoundedFiles() {
    }

    /** Thrown with a message that says what to fix. */
    public static final class RefusedFileException extends IOException {
        RefusedFileException(String message) {
            super(message);
        }
    }

    /** {@code file}, found under {@code root}, as text: refused when it leads out of {@code root}. */
    public static String readInside(Path root, Path file) throws IOException {
        Path realRoot = root.toRealPath();
        Path real = file.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new RefusedFileException("is a link to " + real + ", outside " + root + ": refused (links may not leave the tree)");
        }
        return read(file);
    }

    /** {@code file} as UTF-8 text, up to {@link #MAX_FILE_BYTES}. */
    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new RefusedFileException("is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: refused");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
