package io.connectops.controller;

/** Whether the cluster holds what the revision declares. */
public enum SyncState {
    Synced, OutOfSync, Unknown
}
