package io.connectops.ownership;

import java.util.Collection;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.model.TeamOwners;

/**
 * The marker record as a run with teams sees one connector (docs/teams.md): marked by a team the run acts for is
 * ours (under that team), marked by the platform is ours only when the run acts for it. Plans scope the whole record
 * the same way ({@link Ownership#scoped}); this is for the single-connector checks (restart, heal, a delete's last
 * look, giving up).
 */
public final class TeamScopedOwnership implements OwnershipStore {
    private final MarkerOwnership delegate;
    private final TeamOwners teams;

    private TeamScopedOwnership(MarkerOwnership delegate, TeamOwners teams) {
        this.delegate = delegate;
        this.teams = teams;
    }

    /** {@code store} as a run with {@code teams} sees it (unchanged without teams, or for a record kept elsewhere). */
    public static OwnershipStore of(OwnershipStore store, TeamOwners teams) {
        return store instanceof MarkerOwnership marker && !teams.equals(TeamOwners.NONE) ? new TeamScopedOwnership(marker, teams) : store;
    }

    @Override
    public Ownership read(LiveState live, ConnectApi client) {
        return delegate.read(live, client);
    }

    @Override
    public Owner check(String connector, ConnectApi client) {
        Owner raw = delegate.check(connector, client);
        String platform = delegate.owner();
        if (raw.kind() == Owner.Kind.OTHER && teams.acts(raw.detail(), platform)) {
            return Owner.team(raw.detail());
        }
        if (raw.kind() == Owner.Kind.CONNECTOPS && !teams.acts(platform, platform)) {
            return Owner.other(platform);
        }
        return raw;
    }

    @Override
    public void recordCreated(Collection<String> connectors, ConnectApi client) {
        delegate.recordCreated(connectors, client);
    }

    @Override
    public void recordDeleted(Collection<String> connectors, ConnectApi client) {
        delegate.recordDeleted(connectors, client);
    }

    @Override
    public void adopt(Collection<LiveConnector> connectors, ConnectApi client) {
        delegate.adopt(connectors, client);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
