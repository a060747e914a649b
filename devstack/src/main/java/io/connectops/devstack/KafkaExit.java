package io.connectops.devstack;

import org.apache.kafka.common.utils.Exit;

/**
 * Kafka's CLIs call {@code Exit.exit} when they fail, which would end our whole JVM. Embedded, a
 * failure must become an exception we can report, so the exit and halt procedures throw instead.
 */
final class KafkaExit {
    private static volatile boolean installed;

    private KafkaExit() {
    }

    static synchronized void throwInsteadOfExit() {
        if (installed) {
            return;
        }
        Exit.setExitProcedure((code, message) -> {
            throw new EmbeddedStackException("Kafka asked to exit with status " + code
                    + (message == null ? "" : ": " + message));
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new EmbeddedStackException("Kafka asked to halt with status " + code
                    + (message == null ? "" : ": " + message));
        });
        installed = true;
    }
}
