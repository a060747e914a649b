package io.connectops.kafka;

/** A Kafka cluster could not be read or written (unreachable, not authorized, timed out). */
public final class KafkaAdminException extends RuntimeException {
    public KafkaAdminException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaAdminException(String message) {
        super(message);
    }
}
