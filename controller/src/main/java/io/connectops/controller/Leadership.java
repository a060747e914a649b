package io.connectops.controller;

/**
 * Who may write: the controller asks before every write. Kafka's group protocol ({@link LeaderElection},
 * {@code sync}) or a Kubernetes Lease (the operator).
 */
public interface Leadership extends AutoCloseable {
    /** This instance leads now (and its local lease has not run out). */
    boolean isLeader();

    /** The election itself still runs: readiness fails when it does not. */
    boolean alive();

    /** For events and logs: which group or lease, who leads. */
    String describe();

    @Override
    void close();
}
