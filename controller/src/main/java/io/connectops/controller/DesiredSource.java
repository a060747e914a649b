package io.connectops.controller;

import java.util.List;

import io.connectops.model.Diagnostic;
import io.connectops.model.Targets;

/**
 * Where the controller's desired state comes from: a Git branch ({@link GitSource}, {@code connectops sync}) or
 * the Kubernetes API (the operator). A source hands out revisions (a commit, a snapshot of the watched
 * resources) and loads one through the shared pipeline; the controller does the rest the same way for both.
 */
public interface DesiredSource extends AutoCloseable {
    /** One state of the source: the same id means nothing changed. */
    interface Revision {
        String sha();

        /** A short human description (a commit message, "3 resources changed"). */
        String message();

        default String shortSha() {
            return sha().substring(0, Math.min(12, sha().length()));
        }

        /** Who made it (a commit's author), or null. */
        default String author() {
            return null;
        }

        /** When it was made (a commit's time), or null. */
        default java.time.Instant time() {
            return null;
        }
    }

    /** What a revision declares, loaded, rendered and checked offline. */
    record Loaded(Targets targets, List<Diagnostic> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /** The newest revision. */
    Revision fetch() throws SourceException;

    /**
     * Loads {@code revision}; an {@link io.connectops.model.InvalidInputException} rejects it. Every secret it reads is
     * registered with {@code redactor} (the controller's; a source with tenants gives each a {@link io.connectops.secrets.Redactor#tenant()}).
     */
    Loaded load(Revision revision, ControllerOptions options, io.connectops.secrets.Redactor redactor);

    /** Where it reads from, for /status. */
    String uri();

    /** Where the controller keeps its small promises: a file in its cache directory unless the source has a better place. */
    default StateStore state(ControllerOptions options) {
        return StateStore.file(options.cacheDir().resolve("restart-tokens.json"));
    }

    /**
     * Whether the source still sees changes (a source that lost its watches for good would let the controller run on a
     * stale view): {@code /healthz} fails when not, and the process is restarted.
     */
    default boolean live() {
        return true;
    }

    /** A declaration's file as people know it: a Git source's files relative to the repository. */
    default String displayName(String file) {
        return file;
    }

    /**
     * Where generated user passwords are kept: files under {@code options.passwordsDir()} by default; the Kubernetes
     * source keeps them in Secrets beside the resources that declare the users, where the applications that log in as
     * them read them.
     */
    default io.connectops.apply.PasswordStore passwords(ControllerOptions options) {
        return io.connectops.apply.PasswordStore.files(options.passwordsDir());
    }

    @Override
    void close();

    /** The source cannot be read now: the last good revision stays in force. */
    class SourceException extends Exception {
        public SourceException(String message) {
            super(message);
        }

        public SourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
