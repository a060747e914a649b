package io.connectops.plan;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.ownership.Owner;
import io.connectops.ownership.Ownership;
import io.connectops.model.ResourceId;
import io.connectops.model.Targets;

/**
 * Compares desired with live and says what to do: a pure function, no I/O. Comparison is on strings
 * (configs are string maps), ignoring {@code name}; placeholders like {@code ${file:...}} compare as text.
 */
public final class Planner {
    /** Keys Connect keeps in a connector's config that are not part of what we declare. */
    static final Set<String> IGNORED_KEYS = Set.of("name");

    private Planner() {
    }

    /** Connect clusters in plans and outputs. */
    public static final TargetKind TARGET = TargetKind.CONNECT;

    public static TargetPlan plan(Targets.ClusterTarget target, LiveState live, Ownership read, boolean prune,
                                  Sensitivity sensitivity) {
        String cluster = target.name();
        Ownership ownership = read.scoped(target);
        List<Change> changes = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        for (ConnectorSpec spec : target.connectors()) {
            declared.add(spec.name());
            Owner owner = ownership.of(spec.name());
            String unreadable = live.unreadable().get(spec.name());
            if (unreadable != null && !live.connectors().containsKey(spec.name())) {
                // It exists but could not be read: creating it would fail or overwrite blindly. Say so, touch nothing.
                changes.add(leftAlone(cluster, spec.name(), spec.state(), owner, spec.source().toString(),
                        "exists but cannot be read (" + unreadable + "): left alone"));
                continue;
            }
            changes.add(planOne(cluster, spec, live.connectors().get(spec.name()), owner, ownership, sensitivity));
        }
        List<String> unmanaged = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (LiveConnector connector : live.connectors().values()) {
            if (declared.contains(connector.name())) {
                continue;
            }
            Owner owner = ownership.of(connector.name());
            switch (owner.kind()) {
                case NONE, OTHER -> unmanaged.add(connector.name());
                case UNKNOWN -> {
                    unknown.add(connector.name());
                    changes.add(untouched(cluster, connector.name(), null, owner, null,
                            "not declared, and whether connectops owns it is unknown (" + owner.detail() + "): never deleted"));
                }
                case CONNECTOPS -> changes.add(prune
                        ? delete(cluster, connector.name(), null, owner, null, "owned by connectops and no longer declared")
                        : untouched(cluster, connector.name(), null, owner, null,
                                "owned by connectops and no longer declared: deleted with --prune"));
            }
        }
        changes.sort(java.util.Comparator.comparing(Change::name));
        unmanaged.sort(null);
        unknown.sort(null);
        int ownedLive = (int) live.connectors().keySet().stream().filter(n -> ownership.of(n).ours()).count();
        List<String> stale = ownership.staleClaims().stream().filter(n -> !live.connectors().containsKey(n)).sorted().toList();
        return TargetPlan.builder(TARGET, cluster, target.cluster().urls().stream().map(Object::toString).toList())
                .changes(changes).unmanaged(unmanaged).liveFingerprint(fingerprint(live, target, sensitivity)).bulkReadFallback(live.fallback())
                .ownedCount(ownedLive).ownershipProblem(ownership.problem()).ownershipUnknown(unknown).staleClaims(stale)
                .build();
    }

    static Change planOne(String cluster, ConnectorSpec spec, LiveConnector live, Owner owner, Ownership ownership,
                          Sensitivity clusterSensitivity) {
        String source = spec.source().toString();
        Sensitivity sensitivity = clusterSensitivity.forConnector(spec);
        ResourceId id = ResourceId.connector(cluster, spec.name());
        if (spec.absent()) {
            return planAbsent(cluster, spec, live, owner, source);
        }
        if (live == null) {
            // A connector connectops creates is its own from the first write: the marker goes in the create.
            Map<String, String> desired = ownership.markOwned(spec.name(), spec.connectConfig());
            List<KeyChange> added = new ArrayList<>();
            new TreeMap<>(desired).forEach((k, v) -> added.add(new KeyChange(k, KeyChange.Kind.ADDED, null,
                    sensitivity.display(k, v), sensitivity.isSensitive(k))));
            return Change.builder(id, Action.CREATE).keyChanges(added)
                    .state(new StateChange(spec.state(), null, spec.state() == DesiredState.RUNNING ? null : spec.state()))
                    .write(new ConnectorWrite(desired, true), contentDigest(desired, sensitivity))
                    .owner(ownership.teamMarkers().containsKey(spec.name()) ? Owner.team(ownership.teamMarkers().get(spec.name())) : Owner.CONNECTOPS)
                    .source(source)
                    .note(ownership.problem() == null ? null : "the ownership record cannot be read now (" + ownership.problem()
                            + "): the create is recorded once it can be")
                    .build();
        }
        if (owner.kind() == Owner.Kind.OTHER) {
            return leftAlone(cluster, spec.name(), spec.state(), owner, source, "owned by another connectops (owner '"
                    + owner.detail() + "'): left alone; use the same spec.ownership.owner, or 'connectops adopt' it");
        }
        Map<String, String> desired = owner.ours() ? ownership.markOwned(spec.name(), spec.connectConfig()) : spec.connectConfig();
        List<KeyChange> diff = diff(desired, live.config(), sensitivity);
        DesiredState liveState = observedState(live);
        DesiredState stateTo = liveState == spec.state() ? null : spec.state();
        boolean configChanged = !diff.isEmpty();
        Action action = configChanged || stateTo != null ? Action.UPDATE : Action.NONE;
        String note = switch (owner.kind()) {
            case CONNECTOPS, OTHER -> null;
            case NONE -> "exists and is not owned by connectops: updated, never pruned ('connectops adopt' hands it over)";
            case UNKNOWN -> "updated as declared; whether connectops owns it is unknown (" + owner.detail() + ")";
        };
        Change.Builder change = Change.builder(id, action).keyChanges(diff)
                .state(new StateChange(spec.state(), stateTo == null ? null : liveState, stateTo))
                .owner(owner).source(source).note(action == Action.NONE ? null : note);
        if (action != Action.NONE) {
            change.write(new ConnectorWrite(desired, configChanged), contentDigest(desired, sensitivity));
        }
        return change.build();
    }

    /** A connector declared absent: deleted when connectops owns it, never otherwise (prune rules apply). */
    private static Change planAbsent(String cluster, ConnectorSpec spec, LiveConnector live, Owner owner, String source) {
        if (live == null) {
            return untouched(cluster, spec.name(), DesiredState.ABSENT, owner, source, null);
        }
        if (owner.ours()) {
            return delete(cluster, spec.name(), DesiredState.ABSENT, owner, source, "declared absent");
        }
        return untouched(cluster, spec.name(), DesiredState.ABSENT, owner, source, switch (owner.kind()) {
            case UNKNOWN -> "declared absent, but whether connectops owns it is unknown (" + owner.detail() + "): never deleted";
            case OTHER -> "declared absent, but owned by another connectops (owner '" + owner.detail() + "'): left alone";
            default -> "declared absent, but not owned by connectops: left alone ('connectops adopt' hands it over)";
        });
    }

    /** A connector that gets no call, with the reason worth showing (or null). */
    private static Change untouched(String cluster, String name, DesiredState desired, Owner owner, String source, String note) {
        return Change.builder(ResourceId.connector(cluster, name), Action.NONE).state(desired == null ? null : new StateChange(desired, null, null))
                .owner(owner).source(source).note(note).build();
    }

    /** A declared connector connectops may not or cannot make as declared, and why. */
    private static Change leftAlone(String cluster, String name, DesiredState desired, Owner owner, String source, String why) {
        return Change.builder(ResourceId.connector(cluster, name), Action.NONE).state(new StateChange(desired, null, null))
                .owner(owner).source(source).note(why).leftAlone().build();
    }

    /** A connector deleted: owned and no longer declared, or declared absent. */
    private static Change delete(String cluster, String name, DesiredState desired, Owner owner, String source, String note) {
        return Change.builder(ResourceId.connector(cluster, name), Action.DELETE)
                .state(desired == null ? null : new StateChange(desired, null, null)).owner(owner).source(source).note(note).build();
    }

    /** A FAILED, UNASSIGNED or RESTARTING connector is meant to run: healing it is not a state change. */
    static DesiredState observedState(LiveConnector live) {
        DesiredState state = DesiredState.fromConnect(live.state());
        return state == null ? DesiredState.RUNNING : state;
    }

    static List<KeyChange> diff(Map<String, String> desired, Map<String, String> live, Sensitivity sensitivity) {
        List<KeyChange> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(desired.keySet());
        live.keySet().stream().filter(k -> !IGNORED_KEYS.contains(k)).forEach(keys::add);
        for (String key : keys) {
            String want = desired.get(key);
            String have = live.get(key);
            boolean sensitive = sensitivity.isSensitive(key);
            if (want != null && have == null) {
                changes.add(new KeyChange(key, KeyChange.Kind.ADDED, null, sensitivity.display(key, want), sensitive));
            } else if (want == null) {
                changes.add(new KeyChange(key, KeyChange.Kind.REMOVED, sensitivity.display(key, have), null, sensitive));
            } else if (!want.equals(have)) {
                changes.add(new KeyChange(key, KeyChange.Kind.CHANGED, sensitivity.display(key, have), sensitivity.display(key, want), sensitive));
            }
        }
        return changes;
    }

    /** A digest of every live connector's config and state: any change in between makes a saved plan stale. */
    static String fingerprint(LiveState live, Targets.ClusterTarget target, Sensitivity sensitivity) {
        MessageDigest sha = Digests.sha256();
        Map<String, ConnectorSpec> declared = new java.util.HashMap<>();
        target.connectors().forEach(c -> declared.put(c.name(), c));
        new TreeMap<>(live.connectors()).forEach((name, connector) -> {
            Digests.update(sha, name);
            Sensitivity forConnector = sensitivity.forConnector(declared.get(name));
            new TreeMap<>(connector.config()).forEach((k, v) -> {
                Digests.update(sha, k);
                Digests.update(sha, forConnector.digestValue(k, v));
            });
            Digests.update(sha, observedState(connector).name());
        });
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The config to write, secret values as {@link Sensitivity#digestValue} gives them (never as they are). */
    static String contentDigest(Map<String, String> config, Sensitivity sensitivity) {
        MessageDigest sha = Digests.sha256();
        new TreeMap<>(config).forEach((k, v) -> {
            Digests.update(sha, k);
            Digests.update(sha, sensitivity.digestValue(k, v));
        });
        return HexFormat.of().formatHex(sha.digest());
    }

}
