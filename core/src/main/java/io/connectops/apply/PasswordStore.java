package io.connectops.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.connectops.files.BoundedFiles;
import io.connectops.files.PrivateFiles;

/**
 * Where a generated user password is kept so it is made once and found again: a file (0600) for the CLI and
 * {@code sync}, a Kubernetes Secret for the operator. The location is the user's {@code passwordFile}: a path,
 * or {@code secret:NAMESPACE/NAME}, which only the operator's store can write.
 */
public interface PasswordStore {
    /** The location's kind that only {@code connectops operator} keeps. */
    String SECRET_PREFIX = "secret:";

    /** The password kept at {@code location}, if any. */
    Optional<String> read(String location) throws IOException;

    /**
     * The password kept at {@code location} for {@code user}: a store that knows whose a password is refuses another
     * user's (an IOException saying so).
     */
    default Optional<String> read(String location, String user) throws IOException {
        return read(location);
    }

    /** Whether this store can keep a password at {@code location} (checked when planning, before any write). */
    default boolean keeps(String location) {
        return !location.startsWith(SECRET_PREFIX);
    }

    /** Keeps {@code password} at {@code location} (for {@code user}), replacing what was there. */
    void write(String location, String user, String password) throws IOException;

    /** Files: the password alone on one line, the file and its new directories private to the user running connectops. */
    PasswordStore FILES = new PasswordStore() {
        @Override
        public Optional<String> read(String location) throws IOException {
            Path file = path(location);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String kept = BoundedFiles.read(file).strip();
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
        }

        @Override
        public void write(String location, String user, String password) throws IOException {
            Path file = path(location);
            if (file.toAbsolutePath().getParent() != null) {
                PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
            }
            PrivateFiles.writeString(file, password + "\n");
        }

        private Path path(String location) throws IOException {
            if (location.startsWith(SECRET_PREFIX)) {
                throw new IOException("'" + location + "' is a Kubernetes Secret, which only 'connectops operator' writes: "
                        + "give a file path here");
            }
            return Path.of(location);
        }
    };
}
