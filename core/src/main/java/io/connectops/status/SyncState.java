package io.connectops.status;

/** Whether the cluster holds what the revision declares. */
public enum SyncState {
    Synced, OutOfSync, Unknown
}
