package io.connectops.controller;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;


/**
 * The last {@code restartToken} acted on, per cluster/connector, kept in the {@link StateStore} so a
 * controller restart neither repeats a restart nor misses a token changed while it was down. It also keeps the
 * controller's other small promises across restarts: offsets tokens, and resources still to be given up
 * ({@code orphan:TARGET/RESOURCE}, see {@link Controller#disownLater}).
 */
final class RestartTokens {
    private final StateStore store;
    private final Map<String, String> tokens = new TreeMap<>();

    RestartTokens(StateStore store) {
        this.store = store;
        reload();
    }

    /** Reads the store again: a controller that becomes the leader takes over what the last leader promised. */
    synchronized void reload() {
        try {
            Map<String, String> read = store.read();
            tokens.clear();
            tokens.putAll(read);
        } catch (IOException e) {
            // A damaged record only costs remembering: tokens seen from now on are recorded again.
        }
    }

    synchronized String get(String key) {
        return tokens.get(key);
    }

    /** The keys that start with {@code prefix}, in order. */
    synchronized java.util.List<String> keysStartingWith(String prefix) {
        return tokens.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    synchronized boolean known(String key) {
        return tokens.containsKey(key);
    }

    synchronized void put(String key, String token) {
        if (token == null ? tokens.remove(key) == null : token.equals(tokens.put(key, token))) {
            return;
        }
        try {
            store.write(new TreeMap<>(tokens));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot write " + store.describe() + ": " + e.getMessage(), e);
        }
    }
}
