package io.connectops.ownership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The ownership record as a JSON file ({@code {"clusters": {"main": ["a", "b"]}}}), for a laptop or
 * a CI job that keeps the file. Written atomically (temp file + rename); one file may hold several
 * clusters. Prefer {@link KafkaOwnershipStore} where bootstrap servers are known.
 */
public final class FileOwnershipStore implements OwnershipStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object LOCK = new Object();

    private final Path file;
    private final String cluster;

    public FileOwnershipStore(Path file, String cluster) {
        this.file = file;
        this.cluster = cluster;
    }

    @Override
    public Set<String> owned() {
        synchronized (LOCK) {
            return new TreeSet<>(readAll().getOrDefault(cluster, Set.of()));
        }
    }

    @Override
    public void claim(Collection<String> connectors) {
        update(connectors, true);
    }

    @Override
    public void release(Collection<String> connectors) {
        update(connectors, false);
    }

    private void update(Collection<String> connectors, boolean add) {
        if (connectors.isEmpty()) {
            return;
        }
        synchronized (LOCK) {
            Map<String, Set<String>> all = readAll();
            Set<String> names = all.computeIfAbsent(cluster, c -> new TreeSet<>());
            if (add) {
                names.addAll(connectors);
            } else {
                names.removeAll(connectors);
            }
            write(all);
        }
    }

    private Map<String, Set<String>> readAll() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            Map<String, Map<String, Set<String>>> root = JSON.readValue(file.toFile(), new TypeReference<>() { });
            Map<String, Set<String>> clusters = new TreeMap<>();
            root.getOrDefault("clusters", Map.of()).forEach((k, v) -> clusters.put(k, new TreeSet<>(v)));
            return clusters;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ownership file " + file + ": " + e.getMessage()
                    + " (fix or remove it; it lists the connectors connectops may delete)", e);
        }
    }

    private void write(Map<String, Set<String>> clusters) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".ownership", ".tmp");
            JSON.writeValue(temp.toFile(), Map.of("clusters", clusters));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ownership file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public void close() {
    }
}
