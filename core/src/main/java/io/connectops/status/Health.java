package io.connectops.status;

/** How a declared connector is doing, in the words GitOps tools use. */
public enum Health {
    /** Running, every task running. */
    Healthy,
    /** On its way: starting, rebalancing, or failed and being restarted within its policy. */
    Progressing,
    /** Failed and left failed: restarts exhausted, or restartPolicy Never. */
    Degraded,
    /** Paused or stopped, as declared. */
    Suspended,
    /** Declared but not on the cluster. */
    Missing
}
