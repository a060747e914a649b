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
                        java.util.Set<String> staleClaims, Map<String, String> teamMarkers) {
    public Ownership {
        owners = Map.copyOf(owners);
        marker = Map.copyOf(marker);
        staleClaims = java.util.Set.copyOf(staleClaims);
        teamMarkers = Map.copyOf(teamMarkers);
    }

    public Ownership(Map<String, Owner> owners, Owner otherwise, String problem, Map<String, String> marker,
                     java.util.Set<String> staleClaims) {
        this(owners, otherwise, problem, marker, staleClaims, Map.of());
    }

    /**
     * With teams (docs/teams.md), for the marker record: a connector marked by a team this run acts for is ours unless
     * someone else declares it; one marked by the platform is ours only when the run acts for the platform; a team's
     * connector is marked with the team's name.
     */
    public Ownership scoped(io.connectops.model.Targets.ClusterTarget target) {
        String platform = marker.get(MarkerOwnership.KEY);
        io.connectops.model.TeamOwners teams = target.teams();
        if (platform == null || teams.equals(io.connectops.model.TeamOwners.NONE)) {
            return this;
        }
        java.util.Set<String> declared = new java.util.HashSet<>();
        Map<String, String> markers = new java.util.HashMap<>();
        for (io.connectops.model.ConnectorSpec spec : target.connectors()) {
            declared.add(spec.name());
            String owner = teams.ownerOf(target.name(), "connector/" + spec.name(), platform);
            if (!owner.equals(platform)) {
                markers.put(spec.name(), owner);
            }
        }
        Map<String, Owner> scoped = new java.util.HashMap<>();
        owners.forEach((name, raw) -> {
            String madeBy = raw.kind() == Owner.Kind.CONNECTOPS ? platform : raw.kind() == Owner.Kind.OTHER ? raw.detail() : null;
            if (madeBy == null) {
                scoped.put(name, raw);
                return;
            }
            String declaredBy = declared.contains(name) ? teams.ownerOf(target.name(), "connector/" + name, platform) : null;
            boolean ours = teams.acts(madeBy, platform) && (declaredBy == null || declaredBy.equals(madeBy));
            scoped.put(name, !ours ? Owner.other(madeBy) : madeBy.equals(platform) ? Owner.CONNECTOPS : Owner.team(madeBy));
        });
        return new Ownership(scoped, otherwise, problem, marker, staleClaims, markers);
    }

    /** {@code config} of {@code connector} as connectops writes it: marked with its team's name, or the cluster's owner id. */
    public Map<String, String> markOwned(String connector, Map<String, String> config) {
        Map<String, String> marked = markOwned(config);
        if (teamMarkers.containsKey(connector) && marker.containsKey(MarkerOwnership.KEY)) {
            marked = new LinkedHashMap<>(marked);
            marked.put(MarkerOwnership.KEY, teamMarkers.get(connector));
        }
        return marked;
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
