package io.connectops.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which owner id each declared resource is made and claimed under when teams declare it (the team's name; otherwise
 * the cluster's owner id), and whose resources this run may prune: the teams whose files it read, and the platform
 * (the cluster's owner id) unless it read only team directories. One team's run never touches another's.
 *
 * @param owners        by cluster and resource id ({@code main/topic/orders.created}), the declaring team
 * @param acting        teams this run acts for
 * @param platformActs  this run acts for the cluster's own owner id too
 */
public record TeamOwners(Map<String, String> owners, Set<String> acting, boolean platformActs) {
    public static final TeamOwners NONE = new TeamOwners(Map.of(), Set.of(), true);

    public TeamOwners {
        owners = Map.copyOf(owners);
        acting = Set.copyOf(acting);
    }

    public static String key(String cluster, String resource) {
        return cluster + "/" + resource;
    }

    /** The owner id a declared resource is made under: its team's, or {@code platform}. */
    public String ownerOf(String cluster, String resource, String platform) {
        return owners.getOrDefault(key(cluster, resource), platform);
    }

    /** Whether this run may act on what {@code ownerId} owns ({@code platform}: the cluster's owner id). */
    public boolean acts(String ownerId, String platform) {
        return ownerId.equals(platform) ? platformActs : acting.contains(ownerId);
    }

    /** Both: a run over several namespaces. */
    public TeamOwners merge(TeamOwners other) {
        Map<String, String> all = new HashMap<>(owners);
        all.putAll(other.owners);
        Set<String> teams = new HashSet<>(acting);
        teams.addAll(other.acting);
        return new TeamOwners(all, teams, platformActs || other.platformActs);
    }
}
