package io.connectops.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The last {@code restartToken} acted on, per cluster/connector, kept in the cache directory so a
 * controller restart neither repeats a restart nor misses a token changed while it was down. It also keeps the
 * controller's other small promises across restarts: offsets tokens, and resources still to be given up
 * ({@code orphan:TARGET/RESOURCE}, see {@link Controller#disownLater}).
 */
final class RestartTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> tokens;

    RestartTokens(Path file) {
        this.file = file;
        Map<String, String> read = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                read.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
            } catch (IOException e) {
                // A damaged file only costs remembering: tokens seen from now on are recorded again.
            }
        }
        this.tokens = read;
    }

    synchronized String get(String key) {
        return tokens.get(key);
    }

    /** The keys that start with {@code prefix}, in order. */
    synchronized java.util.List<String> keysStartingWith(String prefix) {
        return tokens.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    synchronized boolean known(String key) {
        return tokens.containsKey(key);
    }

    synchronized void put(String key, String token) {
        if (token == null ? tokens.remove(key) == null : token.equals(tokens.put(key, token))) {
            return;
        }
        try {
            io.connectops.files.PrivateFiles.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), tokens);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
