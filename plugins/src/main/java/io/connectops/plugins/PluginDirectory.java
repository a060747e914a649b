package io.connectops.plugins;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The plugin path on disk: its plugin directories, the staging directories an install works in (never a plugin, and
 * removed when an install was killed), and the swap that puts a staged plugin in place.
 */
final class PluginDirectory {
    private static final String STAGING_PREFIX = ".connectops-staging-";

    private PluginDirectory() {
    }

    /** A new staging directory's path in {@code pluginPath} (on its file system, so the swap is a rename). */
    static Path newStaging(Path pluginPath) {
        return pluginPath.resolve(STAGING_PREFIX + UUID.randomUUID());
    }

    /** The plugin path's directories, without staging ones, sorted. */
    static List<Path> plugins(Path pluginPath) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pluginPath, Files::isDirectory)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(STAGING_PREFIX)) {
                    dirs.add(entry);
                }
            }
        }
        dirs.sort(Comparator.naturalOrder());
        return dirs;
    }

    /** Staging left by an install that was killed: never a plugin. */
    static void cleanStaging(Path pluginPath) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pluginPath, p -> p.getFileName().toString().startsWith(STAGING_PREFIX))) {
            for (Path entry : entries) {
                delete(entry);
            }
        }
    }

    /** The new directory replaces the old one by renames on one file system: either is whole at every moment. */
    static void swapIn(Path fresh, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = fresh.getParent().resolve("previous");
            move(target, old);
        }
        try {
            move(fresh, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target); // put the previous one back
            }
            throw e;
        }
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
