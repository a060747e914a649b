package io.connectops.ownership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Claims in a JSON file, for a laptop or a CI job that keeps the file as state:
 * {@code {"version": 2, "clusters": {"main": {"<kafka cluster id>": {"orders-sink": "<claimed at>"}}}}}.
 * A file of the first format ({@code {"clusters": {"main": ["a", "b"]}}}) is read as unbound claims.
 * Every change is a read-modify-write under an exclusive lock on {@code FILE.lock} (two processes lose
 * no claim), written atomically (temporary file, then rename).
 */
final class FileClaimLog implements ClaimLog {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String UNBOUND = "unbound";
    /** FileLock is per process: threads of one process queue here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;

    FileClaimLog(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public List<Claim> read(String cluster) {
        synchronized (IN_PROCESS) {
            List<Claim> claims = new ArrayList<>();
            readAll().getOrDefault(cluster, Map.of()).forEach((id, names) -> names.forEach((name, at) ->
                    claims.add(new Claim(UNBOUND.equals(id) ? null : id, name, at))));
            return claims;
        }
    }

    @Override
    public void write(String cluster, String kafkaClusterId, Collection<String> connectors, boolean claim) {
        if (connectors.isEmpty()) {
            return;
        }
        synchronized (IN_PROCESS) {
            try {
                io.connectops.files.PrivateFiles.createDirectories(file.getParent());
                try (FileChannel channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = channel.lock()) {
                    Map<String, Map<String, Map<String, Instant>>> all = readAll();
                    Map<String, Instant> names = all.computeIfAbsent(cluster, c -> new TreeMap<>())
                            .computeIfAbsent(kafkaClusterId, k -> new TreeMap<>());
                    Instant now = Instant.now();
                    for (String connector : connectors) {
                        if (claim) {
                            names.put(connector, now);
                        } else {
                            names.remove(connector);
                        }
                    }
                    writeAll(all);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the ownership file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** cluster name -> kafka cluster id (or "unbound") -> connector -> claimed at (null when not known). */
    private Map<String, Map<String, Map<String, Instant>>> readAll() {
        Map<String, Map<String, Map<String, Instant>>> all = new TreeMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new OwnershipException("cannot read the ownership file " + file + ": " + e.getMessage()
                    + " (fix or remove it; it lists the connectors connectops may delete)", e);
        }
        if (root == null) {
            return all;
        }
        root.path("clusters").fields().forEachRemaining(cluster -> {
            Map<String, Map<String, Instant>> byId = all.computeIfAbsent(cluster.getKey(), c -> new TreeMap<>());
            if (cluster.getValue().isArray()) { // the first format: names only, not bound to any cluster id
                Map<String, Instant> names = byId.computeIfAbsent(UNBOUND, u -> new TreeMap<>());
                cluster.getValue().forEach(n -> names.put(n.asText(), null));
                return;
            }
            cluster.getValue().fields().forEachRemaining(id -> {
                Map<String, Instant> names = byId.computeIfAbsent(id.getKey(), u -> new TreeMap<>());
                id.getValue().fields().forEachRemaining(n -> names.put(n.getKey(), parse(n.getValue().asText(null))));
            });
        });
        return all;
    }

    private static Instant parse(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void writeAll(Map<String, Map<String, Map<String, Instant>>> all) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 2);
        ObjectNode clusters = root.putObject("clusters");
        all.forEach((cluster, byId) -> {
            ObjectNode c = clusters.putObject(cluster);
            byId.forEach((id, names) -> {
                if (!names.isEmpty()) {
                    ObjectNode n = c.putObject(id);
                    names.forEach((name, at) -> n.put(name, at == null ? null : at.toString()));
                }
            });
        });
        io.connectops.files.PrivateFiles.writeString(file, JSON.writeValueAsString(root));
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
