package io.connectops.ownership;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;

/**
 * The default record: a key in each connector's own config, {@value #KEY}: OWNER-ID. It lives with
 * the cluster, so every run against that cluster (any directory, any machine, a fresh CI checkout,
 * the controller) sees the same ownership, and a record can never be applied to another cluster.
 * Connect keeps unknown keys and returns them in the bulk read, so this costs no extra call. Someone
 * who replaces the config without the key takes the connector over: the safe direction.
 */
public final class MarkerOwnership implements OwnershipStore {
    public static final String KEY = io.connectops.model.ConnectorSpec.OWNER_KEY;
    public static final String DEFAULT_OWNER = "connectops";

    private final String owner;

    public MarkerOwnership(String owner) {
        this.owner = owner == null ? DEFAULT_OWNER : owner;
    }

    public String owner() {
        return owner;
    }

    @Override
    public Ownership read(LiveState live, ConnectApi client) {
        Map<String, Owner> owners = new HashMap<>();
        live.connectors().values().forEach(c -> owners.put(c.name(), ownerOf(c.config())));
        String problem = null;
        for (var unreadable : live.unreadable().entrySet()) {
            if (!owners.containsKey(unreadable.getKey())) {
                owners.put(unreadable.getKey(), Owner.unknown("its config cannot be read: " + unreadable.getValue()));
                problem = "some connectors cannot be read, so whether connectops owns them is unknown";
            }
        }
        return new Ownership(owners, Owner.NONE, problem, Map.of(KEY, owner), java.util.Set.of());
    }

    Owner ownerOf(Map<String, String> config) {
        String marker = config.get(KEY);
        if (marker == null) {
            return Owner.NONE;
        }
        return marker.equals(owner) ? Owner.CONNECTOPS : Owner.other(marker);
    }

    @Override
    public Owner check(String connector, ConnectApi client) {
        Optional<Map<String, String>> config = client.config(connector);
        return config.map(this::ownerOf).orElse(Owner.NONE);
    }

    @Override
    public void recordCreated(Collection<String> connectors, ConnectApi client) {
        // The marker was part of the config that created them.
    }

    @Override
    public void recordDeleted(Collection<String> connectors, ConnectApi client) {
        // The marker went with the connector.
    }

    @Override
    public void adopt(Collection<LiveConnector> connectors, ConnectApi client) {
        for (LiveConnector connector : connectors) {
            Map<String, String> config = new LinkedHashMap<>(connector.config());
            config.put(KEY, owner);
            client.putConfig(connector.name(), config);
        }
    }

    @Override
    public String describe() {
        return "the connectors' configs (" + KEY + ": " + owner + ")";
    }
}
