package io.connectops.connect;

import java.util.Map;

/**
 * What one read of a cluster saw.
 *
 * @param connectors by name
 * @param fallback   true when the bulk read failed and connectors were read one by one
 * @param unreadable connectors listed but not readable, with the reason
 */
public record LiveState(Map<String, LiveConnector> connectors, boolean fallback, Map<String, String> unreadable) {
    public LiveState {
        connectors = Map.copyOf(connectors);
        unreadable = Map.copyOf(unreadable);
    }
}
