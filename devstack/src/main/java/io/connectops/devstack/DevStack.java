package io.connectops.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The embedded stack: one real KRaft broker and N real distributed Connect workers of one group,
 * all in this JVM. Used by {@code connectops dev}, {@code connectops demo} and the integration tests.
 *
 * <p>With a given data directory the stack survives restarts (topics, connectors and offsets live in
 * the broker's log); without one it runs in a temporary directory removed by {@link #close()}.
 */
public final class DevStack implements AutoCloseable {
    private final Options options;
    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final EmbeddedKafka kafka;
    private final List<ConnectWorker> workers = Collections.synchronizedList(new ArrayList<>());
    private final List<ChildConnectWorker> children = Collections.synchronizedList(new ArrayList<>());
    private int nextWorkerPort;

    /** How to start the stack; 0 for a port means "any free port". */
    /** @param pluginPath the workers' {@code plugin.path} (isolated plugins, as real workers load them), or null for none */
    public record Options(int kafkaPort, int connectPort, Path dataDir, int workers, boolean scram, Path pluginPath) {
        public Options {
            if (workers < 0) {
                throw new IllegalArgumentException("--workers must be at least 0, got " + workers);
            }
        }

        public Options(int kafkaPort, int connectPort, Path dataDir, int workers, boolean scram) {
            this(kafkaPort, connectPort, dataDir, workers, scram, null);
        }

        public Options(int kafkaPort, int connectPort, Path dataDir, int workers) {
            this(kafkaPort, connectPort, dataDir, workers, false);
        }

        /** The same stack with its workers loading plugins from {@code dir}. */
        public Options withPluginPath(Path dir) {
            return new Options(kafkaPort, connectPort, dataDir, workers, scram, dir);
        }

        public static Options ephemeral(int workers) {
            return new Options(0, 0, null, workers);
        }

        /** A broker with SASL/SCRAM and ACLs (and {@code workers} Connect workers that log in as its admin). */
        public static Options scram(int workers) {
            return new Options(0, 0, null, workers, true);
        }
    }

    private DevStack(Options options) throws IOException {
        this.options = options;
        this.temporaryDataDir = options.dataDir() == null;
        this.dataDir = temporaryDataDir ? Files.createTempDirectory("connectops-dev-") : options.dataDir().toAbsolutePath();
        int kafkaPort = options.kafkaPort() == 0 ? Ports.free() : options.kafkaPort();
        this.kafka = new EmbeddedKafka(kafkaPort, Ports.free(), dataDir.resolve("kafka"), options.scram() ? adminCredential(dataDir) : null);
    }

    /**
     * The admin's SCRAM credential: made once per data directory (kept in {@code admin.password}, 0600),
     * since the broker bootstraps it when the directory is formatted.
     */
    private static EmbeddedKafka.Scram adminCredential(Path dataDir) throws IOException {
        Path file = dataDir.resolve("admin.password");
        if (!Files.exists(file)) {
            byte[] random = new byte[18];
            new java.security.SecureRandom().nextBytes(random);
            Files.writeString(file, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        return new EmbeddedKafka.Scram("admin", Files.readString(file).strip());
    }

    /** The SCRAM admin's password (0600 in the data directory), or null without --auth scram. */
    public String adminPassword() {
        return kafka.scram() == null ? null : kafka.scram().adminPassword();
    }

    /** Everything a Kafka client of this broker needs: the bootstrap servers and {@link #clientProperties()}. */
    public java.util.Map<String, Object> clientConfig() {
        java.util.Map<String, Object> config = new java.util.HashMap<>(clientProperties());
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /** What a Kafka client needs besides the bootstrap servers (the admin's SASL login, with --auth scram). */
    public java.util.Map<String, String> clientProperties() {
        return kafka.clientProperties();
    }

    /** Starts the broker, then the workers, and returns once every worker's REST API is healthy. */
    public static DevStack start(Options options) {
        checkPorts(options);
        DevStack stack;
        try {
            stack = new DevStack(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory", e);
        }
        try {
            stack.kafka.start();
            stack.nextWorkerPort = options.connectPort() == 0 ? 0 : options.connectPort();
            for (int i = 0; i < options.workers(); i++) {
                stack.addWorker();
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static void checkPorts(Options options) {
        if (options.kafkaPort() != 0) {
            Ports.requireFree(options.kafkaPort(), "--kafka-port");
        }
        for (int i = 0; options.connectPort() != 0 && i < options.workers(); i++) {
            Ports.requireFree(options.connectPort() + i, i == 0 ? "--connect-port" : "Connect worker " + (i + 1));
        }
    }

    /** Adds one more in-process worker to the group (the next port after the last one, or a free one). */
    public synchronized ConnectWorker addWorker() {
        int port = takePort();
        EmbeddedConnectWorker worker = EmbeddedConnectWorker.start(workerSettings(port));
        workers.add(worker);
        Readiness.awaitHealthy(worker.restUrl(), Duration.ofSeconds(60));
        return worker;
    }

    /** Starts a worker of the same group in a child JVM, for tests that kill it with SIGKILL. */
    public synchronized ChildConnectWorker addChildWorker() {
        int port = takePort();
        ChildConnectWorker child = ChildConnectWorker.start(workerSettings(port),
                port, dataDir.resolve("children"));
        children.add(child);
        workers.add(child);
        Readiness.awaitHealthy(child.restUrl(), Duration.ofSeconds(60));
        return child;
    }

    private java.util.Map<String, String> workerSettings(int port) {
        java.util.Map<String, String> settings = WorkerSettings.forWorker(bootstrapServers(), port, clientProperties());
        return options.pluginPath() == null ? settings : WorkerSettings.withPlugins(settings, options.pluginPath());
    }

    private int takePort() {
        if (nextWorkerPort == 0) {
            return Ports.free();
        }
        return nextWorkerPort++;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The first worker's REST URL: what {@code --connect-url} should point at. */
    public URI connectUrl() {
        return workers.get(0).restUrl();
    }

    public List<URI> connectUrls() {
        synchronized (workers) {
            return workers.stream().map(ConnectWorker::restUrl).toList();
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Options options() {
        return options;
    }

    /** Stops the workers (concurrently, each can take seconds), then the broker; removes a temporary data dir. */
    @Override
    public void close() {
        List<ConnectWorker> toStop;
        synchronized (workers) {
            toStop = new ArrayList<>(workers);
            workers.clear();
        }
        CompletableFuture.allOf(toStop.stream()
                .map(w -> CompletableFuture.runAsync(() -> closeQuietly(w)))
                .toArray(CompletableFuture[]::new)).join();
        closeQuietly(kafka);
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("connectops: while stopping: " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("connectops: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
