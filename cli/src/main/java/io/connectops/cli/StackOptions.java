package io.connectops.cli;

import java.nio.file.Path;

import io.connectops.devstack.DevStack;
import picocli.CommandLine.Option;

/** The options of the embedded stack, shared by {@code dev} and {@code demo}. */
final class StackOptions {
    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka broker port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--connect-port", paramLabel = "PORT", defaultValue = "8083",
            description = "REST port of the first Connect worker; the others take the next ports (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int connectPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep Kafka's data here, so topics and connectors survive restarts (default: a temporary directory removed on exit).")
    Path dataDir;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Number of distributed Connect workers in the group (default: ${DEFAULT-VALUE}).")
    int workers;

    enum Auth { none, scram }

    @Option(names = "--auth", paramLabel = "MODE", defaultValue = "none",
            description = "Kafka authentication: ${COMPLETION-CANDIDATES}. scram: SASL/SCRAM-SHA-512 listener and ACLs (StandardAuthorizer), "
                    + "an admin super user whose login is written to DATA-DIR/client.properties (default: ${DEFAULT-VALUE}).")
    Auth auth;

    /** Set by {@code dev --plugins-from}: the workers' plugin.path, once the plugins are installed there. */
    Path pluginPath;

    DevStack.Options toOptions() {
        return new DevStack.Options(kafkaPort, connectPort, dataDir, workers, auth == Auth.scram, pluginPath);
    }
}
