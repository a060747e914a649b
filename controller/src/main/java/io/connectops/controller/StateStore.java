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
 * Where the controller keeps its small promises (restart and offsets tokens acted on, resources still to be given up):
 * a file in the cache directory for {@code sync}, and for the operator a ConfigMap beside it, so a replica that takes
 * the lead over knows what the last leader promised. Read when the controller starts and whenever it becomes the leader;
 * written by the leader only.
 */
public interface StateStore {
    Map<String, String> read() throws IOException;

    void write(Map<String, String> state) throws IOException;

    /** Where, for messages. */
    String describe();

    /** A JSON file, replaced atomically. */
    static StateStore file(Path file) {
        ObjectMapper json = new ObjectMapper();
        return new StateStore() {
            @Override
            public Map<String, String> read() throws IOException {
                return Files.exists(file) ? new TreeMap<>(json.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }))
                        : new TreeMap<>();
            }

            @Override
            public void write(Map<String, String> state) throws IOException {
                io.connectops.files.PrivateFiles.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                json.writeValue(tmp.toFile(), state);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public String describe() {
                return file.toString();
            }
        };
    }
}
