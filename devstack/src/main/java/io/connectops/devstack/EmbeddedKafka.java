package io.connectops.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker (broker and controller in one process), started from Kafka's own
 * classes. Its log directory is formatted once; a kept directory comes back with its topics.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final int brokerPort;
    private final int controllerPort;
    private final Path logDir;
    private final Scram scram;
    private KafkaRaftServer server;

    /**
     * SASL/SCRAM on the client listener with the KRaft StandardAuthorizer: {@code admin} is a super user
     * bootstrapped at format time (the controller listener stays PLAINTEXT, its principal ANONYMOUS is a
     * super user too, as the KRaft quorum needs).
     */
    public record Scram(String adminUser, String adminPassword) {
        public static final String MECHANISM = "SCRAM-SHA-512";

        /** What a client needs to log in as the admin. */
        public Map<String, String> clientProperties() {
            return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM,
                    "sasl.jaas.config", jaas(adminUser, adminPassword));
        }

        public static String jaas(String user, String password) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                    + password + "\";";
        }

        @Override
        public String toString() {
            return "Scram[" + adminUser + ", password (sensitive)]";
        }
    }

    public EmbeddedKafka(int brokerPort, int controllerPort, Path logDir) {
        this(brokerPort, controllerPort, logDir, null);
    }

    public EmbeddedKafka(int brokerPort, int controllerPort, Path logDir, Scram scram) {
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.scram = scram;
    }

    /** The SCRAM settings, or null without authentication. */
    public Scram scram() {
        return scram;
    }

    /** Client properties to reach this broker (empty without authentication). */
    public Map<String, String> clientProperties() {
        return scram == null ? Map.of() : scram.clientProperties();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    public synchronized void start() {
        KafkaExit.throwInsteadOfExit();
        Properties props = brokerProperties();
        try {
            Files.createDirectories(logDir);
            formatOnce(props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log directory " + logDir, e);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        if (scram != null) {
            p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256");
            p.put("sasl.mechanism.inter.broker.protocol", Scram.MECHANISM);
            // Each enabled mechanism needs its own login section on the listener (the broker's side of SCRAM).
            p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", Scram.jaas(scram.adminUser(), scram.adminPassword()));
            p.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", Scram.jaas(scram.adminUser(), scram.adminPassword()));
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("super.users", "User:" + scram.adminUser() + ";User:ANONYMOUS");
        }
        return p;
    }

    /** Formats the log directory unless an earlier run already did (a kept --data-dir). */
    private void formatOnce(Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path serverProperties = logDir.resolveSibling(logDir.getFileName() + ".properties");
        try (var out = Files.newOutputStream(serverProperties)) {
            props.store(out, "written by connectops for kafka-storage format");
        }
        try {
            Files.setPosixFilePermissions(serverProperties, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("format", "-t", Uuid.randomUuid().toString(),
                "-c", serverProperties.toString()));
        if (scram != null) {
            args.add("--add-scram");
            args.add(Scram.MECHANISM + "=[name=" + scram.adminUser() + ",password=" + scram.adminPassword() + "]");
        }
        int code = StorageTool.execute(args.toArray(String[]::new), new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new EmbeddedStackException("formatting " + logDir + " failed: "
                    + captured.toString(StandardCharsets.UTF_8).trim());
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
