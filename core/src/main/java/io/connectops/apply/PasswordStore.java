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

    /**
     * Why {@code location} cannot be used by this store (outside its directory, through a link), or null: asked when
     * planning, so nothing is written when any user's location is refused.
     */
    default String refusal(String location) {
        return null;
    }

    /** Files under {@code dir} (docs/kafka.md): see {@link PasswordFiles}. */
    static PasswordStore files(Path dir) {
        return new PasswordFiles(dir);
    }

    /** The default directory of generated passwords: under the working directory, beside connectops' other files. */
    Path DEFAULT_DIR = Path.of(".connectops", "passwords");
}
