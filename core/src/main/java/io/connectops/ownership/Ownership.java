package io.connectops.ownership;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns each connector of one cluster, read at one moment, and how a config connectops writes
 * for a connector it owns is marked.
 *
 * @param owners    by connector name (live connectors)
 * @param otherwise the owner of any connector not in {@code owners} (not live)
 * @param problem   why ownership could not be established for some or all connectors, or null
 * @param marker    the config entries that mark a connector as ours (empty when the record lives elsewhere)
 * @param staleClaims claims for connectors that are gone: released at the next apply
 */
public record Ownership(Map<String, Owner> owners, Owner otherwise, String problem, Map<String, String> marker,
                        java.util.Set<String> staleClaims) {
    public Ownership {
        owners = Map.copyOf(owners);
        marker = Map.copyOf(marker);
        staleClaims = java.util.Set.copyOf(staleClaims);
    }

    public Owner of(String connector) {
        return owners.getOrDefault(connector, otherwise);
    }

    /** {@code config} as connectops writes it for a connector it owns (with the marker, when there is one). */
    public Map<String, String> markOwned(Map<String, String> config) {
        if (marker.isEmpty()) {
            return config;
        }
        Map<String, String> marked = new LinkedHashMap<>(config);
        marked.putAll(marker);
        return marked;
    }
}
