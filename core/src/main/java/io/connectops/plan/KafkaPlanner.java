package io.connectops.plan;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.KafkaLive;
import io.connectops.kafka.ResourceClaims;
import io.connectops.model.AclSpec;
import io.connectops.model.Diagnostic;
import io.connectops.model.KafkaClusterSpec;
import io.connectops.model.ResourceId;
import io.connectops.model.Targets;
import io.connectops.model.SourceLocation;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;
import io.connectops.ownership.Owner;

/**
 * Compares the declared Kafka resources of one cluster with what was read, and says what to do: a pure
 * function. Rules: partitions only grow (a decrease is refused, as is any replication-factor change: both
 * are problems that stop the whole plan, so nothing is written); a topic's config is made equal to the
 * declared keys (a key removed from the file goes back to the default, a key changed by hand is drift);
 * a principal's ACLs are made equal to the declared set when connectops owns that set (otherwise missing
 * ones are only added); a user's credential is set when it is missing, when its rotate token changes, or
 * when a given password changes (compared through a salted fingerprint in the claim). Only resources
 * connectops claims are deleted, never an internal or infrastructure topic.
 */
public final class KafkaPlanner {
    /** Connect's config/offset/status topics, under the names people give them. */
    private static final Pattern CONNECT_INTERNAL = Pattern.compile(".*connect.*[-_.](configs?|offsets?|status|statuses)$");

    /** Kafka clusters in plans and outputs. */
    public static final TargetKind TARGET = TargetKind.KAFKA;

    private KafkaPlanner() {
    }

    /** A Kafka cluster that could not be planned. */
    public static TargetPlan unreachable(Targets.KafkaTarget target, String error) {
        return TargetPlan.unreachable(TARGET, target.name(), List.of(target.cluster().bootstrapServers()), error);
    }

    static Change change(String cluster, String kind, String name, Action action, List<KeyChange> shown, Owner owner,
                                 String source, String note, KafkaWrite write, boolean claim, String digest) {
        return Change.builder(new ResourceId(kind, cluster, name), action).keyChanges(shown).owner(owner).source(source).note(note)
                .write(write, digest).claim(claim).build();
    }

    /** A create is claimed for the owner of its declaration: a team's, or the cluster's owner id (docs/teams.md). */
    static Change created(ClaimOwners owners, Change change) {
        return change.action() == Action.CREATE ? change.withOwner(owners.creator(change.resource())) : change;
    }

    static Change untouched(String cluster, String kind, String name, Owner owner, String source, String note) {
        return Change.untouched(new ResourceId(kind, cluster, name), owner, source, note);
    }

    static Change leftAlone(String cluster, String kind, String name, Owner owner, String source, String why) {
        return Change.leftAlone(new ResourceId(kind, cluster, name), owner, source, why);
    }

    /** The plan, and the declared changes Kafka cannot make (partition decrease, replication factor): any of them stops the plan. */
    /** @param refusedResources the resources ("topic/NAME") {@code refused} is about */
    public record Result(TargetPlan plan, List<Diagnostic> refused, Set<String> refusedResources) {
        public Result(TargetPlan plan, List<Diagnostic> refused) {
            this(plan, refused, Set.of());
        }
    }

    /** Never deleted, whatever the records say: Kafka's and tools' internal topics, and those the KafkaCluster lists. */
    public static boolean isProtected(String topic, KafkaClusterSpec cluster) {
        if (topic.startsWith("_") || topic.endsWith(".internal") || topic.equals(cluster.ownershipTopic())
                || CONNECT_INTERNAL.matcher(topic).matches()) {
            return true;
        }
        for (String entry : cluster.protectedTopics()) {
            if (entry.endsWith("*") ? topic.startsWith(entry.substring(0, entry.length() - 1)) : topic.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    public static Result plan(Targets.KafkaTarget target, KafkaLive live, boolean prune) {
        String cluster = target.name();
        ClaimOwners owners = new ClaimOwners(live, target);
        List<Change> changes = new ArrayList<>();
        List<Diagnostic> refused = new ArrayList<>();
        Set<String> refusedResources = new TreeSet<>();
        List<String> unmanaged = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> present = new TreeSet<>();

        // Topics.
        Set<String> declaredTopics = new TreeSet<>();
        for (TopicSpec topic : target.topics()) {
            declaredTopics.add(topic.name());
            int before = refused.size();
            Change planned = created(owners, KafkaResourcePlanner.planTopic(cluster, topic, live, owners.of(ResourceClaims.topic(topic.name())),
                    refused));
            if (planned.action() == Action.UPDATE && isProtected(topic.name(), target.cluster())) {
                // A protected topic holds what others need (claims, Connect's configs and offsets, a tool's state): a declared
                // retention, cleanup policy or partition count would wipe or break it as surely as a delete.
                String keys = String.join(", ", planned.keyChanges().stream().map(KeyChange::key).distinct().toList());
                SourceLocation where = planned.keyChanges().stream().map(k -> topic.keyLocations().get(k.key())).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(topic.source());
                refused.add(new Diagnostic(where, "topic '" + topic.name() + "' is protected (connectops' claims, Connect's internal "
                        + "topics, '_' and '.internal' topics, the cluster's protectedTopics): " + keys + " is not changed by connectops; "
                        + "take it out of the declaration, or change it with Kafka's own tools if you mean it"));
                refusedResources.add(ResourceClaims.topic(topic.name()));
                changes.add(leftAlone(cluster, "Topic", topic.name(), planned.owner(), planned.source(), "protected: not changed"));
                continue;
            }
            changes.add(planned);
            if (refused.size() > before) {
                refusedResources.add(ResourceClaims.topic(topic.name()));
            }
        }
        for (String name : live.topics()) {
            present.add(ResourceClaims.topic(name));
            if (declaredTopics.contains(name) || isProtected(name, target.cluster())) {
                continue;
            }
            undeclared(cluster, "Topic", name, owners.of(ResourceClaims.topic(name)), prune, new KafkaWrite.DeleteTopic(name), changes, unmanaged,
                    unknown);
        }

        // ACL sets, by principal.
        Set<String> declaredPrincipals = new TreeSet<>();
        if (live.acls() == null && (!target.acls().isEmpty() || owners.claimsAny("acl/"))) {
            problems.add(live.aclProblem());
        }
        for (AclSpec acl : target.acls()) {
            declaredPrincipals.add(acl.principal());
            changes.add(created(owners, KafkaResourcePlanner.planAcls(cluster, acl, live, owners.of(ResourceClaims.acl(acl.principal())))));
        }
        if (live.acls() != null) {
            for (Map.Entry<String, Set<KafkaAdmin.AclEntry>> entry : new TreeMap<>(live.acls()).entrySet()) {
                String principal = entry.getKey();
                present.add(ResourceClaims.acl(principal));
                if (!declaredPrincipals.contains(principal)) {
                    undeclared(cluster, "Acl", principal, owners.of(ResourceClaims.acl(principal)), prune,
                            new KafkaWrite.UpdateAcls(principal, List.of(), KafkaResourcePlanner.sorted(entry.getValue())), changes, unmanaged, unknown);
                }
            }
        }

        // SCRAM users.
        Set<String> declaredUsers = new TreeSet<>();
        if (live.users() == null && (!target.users().isEmpty() || owners.claimsAny("user/"))) {
            problems.add(live.userProblem());
        }
        for (UserSpec user : target.users()) {
            declaredUsers.add(user.name());
            changes.add(created(owners, KafkaResourcePlanner.planUser(cluster, user, live, owners, owners.of(ResourceClaims.user(user.name())))));
        }
        if (live.users() != null) {
            for (Map.Entry<String, Set<UserSpec.Mechanism>> entry : new TreeMap<>(live.users()).entrySet()) {
                present.add(ResourceClaims.user(entry.getKey()));
                if (!declaredUsers.contains(entry.getKey())) {
                    undeclared(cluster, "User", entry.getKey(), owners.of(ResourceClaims.user(entry.getKey())), prune,
                            new KafkaWrite.DeleteUser(entry.getKey(), entry.getValue()), changes, unmanaged, unknown);
                }
            }
        }
        if (live.claimsProblem() != null) {
            problems.add(live.claimsProblem());
        }

        changes.sort(Comparator.comparing(Change::kind).thenComparing(Change::name));
        int owned = (int) present.stream().filter(r -> owners.of(r).ours()).count();
        // A claim whose resource is gone (deleted by hand) must not make a later hand-made one look ours.
        // (Only this planner's kinds: a plug-in kind keeps its own claims.)
        List<String> stale = owners.ours().stream().filter(r -> !present.contains(r) && (r.startsWith("topic/") || r.startsWith("user/")))
                .sorted().toList();
        if (live.acls() != null) {
            stale = new ArrayList<>(stale);
            for (String r : owners.ours()) {
                if (r.startsWith("acl/") && !live.acls().containsKey(r.substring(4)) && !declaredPrincipals.contains(r.substring(4))) {
                    stale.add(r);
                }
            }
        }
        if (live.users() == null) {
            stale = stale.stream().filter(r -> !r.startsWith("user/")).toList();
        }
        TargetPlan plan = TargetPlan.builder(TARGET, cluster, List.of(target.cluster().bootstrapServers())).claims(live.clusterId(),
                target.cluster().owner()).changes(changes).unmanaged(unmanaged).ownershipUnknown(unknown).staleClaims(stale)
                .problems(problems.stream().filter(Objects::nonNull).toList()).ownedCount(owned).liveFingerprint(fingerprint(live)).build();
        return new Result(plan, refused, refusedResources);
    }

    private static void undeclared(String cluster, String kind, String name, Owner owner, boolean prune, KafkaWrite delete, List<Change> changes,
                                   List<String> unmanaged, List<String> unknown) {
        String id = kind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
        switch (owner.kind()) {
            case NONE, OTHER -> unmanaged.add(id);
            case UNKNOWN -> {
                unknown.add(id);
                changes.add(untouched(cluster, kind, name, owner, null, "not declared, and whether connectops owns it is unknown ("
                        + owner.detail() + "): never deleted"));
            }
            case CONNECTOPS -> changes.add(prune
                    ? change(cluster, kind, name, Action.DELETE, List.of(), owner, null, "owned by connectops and no longer declared",
                    delete, false, digest(kind, name, "delete"))
                    : untouched(cluster, kind, name, owner, null, "owned by connectops and no longer declared: deleted with --prune"));
        }
    }

    /** A digest of what was read: a saved plan is refused when the cluster moved since. */
    static String fingerprint(KafkaLive live) {
        MessageDigest sha = Digests.sha256();
        Digests.update(sha, live.clusterId());
        live.topics().forEach(t -> Digests.update(sha, t));
        new TreeMap<>(live.shapes()).forEach((t, s) -> Digests.update(sha, t + "=" + s));
        new TreeMap<>(live.configs()).forEach((t, c) -> Digests.update(sha, t + "=" + new TreeMap<>(c)));
        if (live.acls() != null) {
            new TreeMap<>(live.acls()).forEach((p, entries) -> entries.stream().map(Object::toString).sorted().forEach(e -> Digests.update(sha, e)));
        }
        if (live.users() != null) {
            new TreeMap<>(live.users()).forEach((u, m) -> Digests.update(sha, u + "=" + new TreeSet<>(m)));
        }
        if (live.claims() != null) {
            new TreeMap<>(live.claims()).forEach((r, claims) -> claims.forEach(c -> Digests.update(sha, r + "@" + c.kafkaClusterId() + "=" + c.owner()
                    + new TreeMap<>(c.attributes()))));
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    static String digest(String kind, String name, String content) {
        MessageDigest sha = Digests.sha256();
        Digests.update(sha, kind);
        Digests.update(sha, name);
        Digests.update(sha, content);
        return HexFormat.of().formatHex(sha.digest());
    }
}
