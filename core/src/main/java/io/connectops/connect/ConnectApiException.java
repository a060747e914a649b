package io.connectops.connect;

/**
 * Kafka Connect answered with an error status (or could not be reached: status 0). The message is
 * Connect's own {@code message}, prefixed with what we were doing.
 */
public class ConnectApiException extends RuntimeException {
    private final int status;
    private final String connectMessage;

    public ConnectApiException(String what, int status, String connectMessage) {
        super(what + ": " + (status == 0 ? "" : "HTTP " + status + ": ") + connectMessage);
        this.status = status;
        this.connectMessage = connectMessage;
    }

    public ConnectApiException(String what, String problem, Throwable cause) {
        super(what + ": " + problem, cause);
        this.status = 0;
        this.connectMessage = problem;
    }

    /** The HTTP status, or 0 when there was no answer (refused, timed out). */
    public int status() {
        return status;
    }

    public String connectMessage() {
        return connectMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /**
     * Transient by the REST API's own rules: 409 while a rebalance is pending or no leader is known, and
     * 500 "rebalance is expected" on reads during the same window. "already exists" is a real 409.
     */
    public boolean isRetryable() {
        if (status == 409) {
            return connectMessage == null || !connectMessage.contains("already exists");
        }
        if (status == 500 || status == 503) {
            String m = connectMessage == null ? "" : connectMessage.toLowerCase(java.util.Locale.ROOT);
            return m.contains("rebalance") || m.contains("timed out") || m.contains("starting") || status == 503;
        }
        return false;
    }
}
