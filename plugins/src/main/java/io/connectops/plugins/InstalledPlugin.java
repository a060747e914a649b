package io.connectops.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What connectops installed in {@code PLUGIN_PATH/name/}, recorded in a file beside the plugin's own files
 * ({@value #MARKER}; Connect ignores files that are not jars). Its presence is how a directory is known to be
 * connectops': a directory without it is never replaced or removed.
 *
 * @param origin Maven coordinates or the URL
 * @param sha512 of the archive, or of the jars' own checksums in order (a jar with its dependencies)
 * @param bytes  what the plugin's directory holds
 */
public record InstalledPlugin(String name, String origin, String sha512, long bytes, int files, String installedAt) {
    public static final String MARKER = ".connectops-plugin.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The record in {@code dir}, if connectops installed it (a damaged record reads as none: the plugin is installed again). */
    static Optional<InstalledPlugin> read(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            if (Files.size(marker) > 64 * 1024) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(marker.toFile(), InstalledPlugin.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(MARKER).toFile(), this);
    }

    /** Whether {@code dir} holds a record at all (even one that cannot be read): then it is connectops'. */
    static boolean ours(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }
}
