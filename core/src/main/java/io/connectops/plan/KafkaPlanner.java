package io.connectops.plan;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
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

    private static Change change(String cluster, String kind, String name, Action action, List<KeyChange> shown, Owner owner,
                                 String source, String note, KafkaWrite write, boolean claim, String digest) {
        return Change.builder(new ResourceId(kind, cluster, name), action).keyChanges(shown).owner(owner).source(source).note(note)
                .write(write, digest).claim(claim).build();
    }

    private static Change untouched(String cluster, String kind, String name, Owner owner, String source, String note) {
        return Change.untouched(new ResourceId(kind, cluster, name), owner, source, note);
    }

    private static Change leftAlone(String cluster, String kind, String name, Owner owner, String source, String why) {
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
        ClaimOwners owners = new ClaimOwners(live, target.cluster().owner());
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
            changes.add(planTopic(cluster, topic, live, owners.of(ResourceClaims.topic(topic.name())), refused));
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
            changes.add(planAcls(cluster, acl, live, owners.of(ResourceClaims.acl(acl.principal()))));
        }
        if (live.acls() != null) {
            for (Map.Entry<String, Set<KafkaAdmin.AclEntry>> entry : new TreeMap<>(live.acls()).entrySet()) {
                String principal = entry.getKey();
                present.add(ResourceClaims.acl(principal));
                if (!declaredPrincipals.contains(principal)) {
                    undeclared(cluster, "Acl", principal, owners.of(ResourceClaims.acl(principal)), prune,
                            new KafkaWrite.UpdateAcls(principal, List.of(), sorted(entry.getValue())), changes, unmanaged, unknown);
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
            changes.add(planUser(cluster, user, live, owners, owners.of(ResourceClaims.user(user.name()))));
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

    static Change planTopic(String cluster, TopicSpec topic, KafkaLive live, Owner owner, List<Diagnostic> refused) {
        String source = topic.source().toString();
        if (!live.topics().contains(topic.name())) {
            List<KeyChange> shown = new ArrayList<>();
            shown.add(new KeyChange("partitions", KeyChange.Kind.ADDED, null,
                    topic.partitions() == null ? "(broker default)" : topic.partitions().toString(), false));
            shown.add(new KeyChange("replicationFactor", KeyChange.Kind.ADDED, null,
                    topic.replicationFactor() == null ? "(broker default)" : topic.replicationFactor().toString(), false));
            topic.config().forEach((k, v) -> shown.add(new KeyChange("config." + k, KeyChange.Kind.ADDED, null, v, false)));
            KafkaAdmin.NewTopic create = new KafkaAdmin.NewTopic(topic.name(), topic.partitions(), topic.replicationFactor(), topic.config());
            return change(cluster, "Topic", topic.name(), Action.CREATE, shown, Owner.CONNECTOPS, source, null,
                    new KafkaWrite.CreateTopic(create), true, digest("Topic", topic.name(), create.toString()));
        }
        if (owner.kind() == Owner.Kind.OTHER) {
            return leftAlone(cluster, "Topic", topic.name(), owner, source, "owned by another connectops (owner '" + owner.detail()
                    + "'): left alone");
        }
        KafkaAdmin.TopicShape shape = live.shapes().get(topic.name());
        Map<String, String> liveConfig = live.configs().get(topic.name());
        if (shape == null || liveConfig == null) {
            return leftAlone(cluster, "Topic", topic.name(), owner, source, "exists but cannot be described: left alone");
        }
        List<KeyChange> shown = new ArrayList<>();
        Integer partitions = null;
        if (topic.partitions() != null && topic.partitions() != shape.partitions()) {
            if (topic.partitions() < shape.partitions()) {
                refused.add(new Diagnostic(topic.source(), "topic '" + topic.name() + "': partitions " + shape.partitions() + " -> "
                        + topic.partitions() + " is a decrease, which Kafka cannot do (a partition's records, and which partition "
                        + "each key goes to, would be lost). Keep partitions: " + shape.partitions()
                        + ", or create a new topic and move the data"));
            } else {
                partitions = topic.partitions();
                shown.add(new KeyChange("partitions", KeyChange.Kind.CHANGED, Integer.toString(shape.partitions()), partitions.toString(), false));
            }
        }
        if (topic.replicationFactor() != null && topic.replicationFactor() != shape.replicationFactor()) {
            refused.add(new Diagnostic(topic.source(), "topic '" + topic.name() + "': replication factor " + shape.replicationFactor()
                    + " -> " + topic.replicationFactor() + " is not changed by connectops: it moves replicas between brokers "
                    + "(kafka-reassign-partitions.sh). Set replicationFactor: " + shape.replicationFactor() + " (or remove it), and "
                    + "reassign the partitions yourself"));
        }
        Map<String, String> config = new TreeMap<>();
        Set<String> keys = new TreeSet<>(topic.config().keySet());
        keys.addAll(liveConfig.keySet());
        for (String key : keys) {
            String want = topic.config().get(key);
            String have = liveConfig.get(key);
            if (want != null && have == null) {
                shown.add(new KeyChange("config." + key, KeyChange.Kind.ADDED, null, want, false));
                config.put(key, want);
            } else if (want == null) {
                shown.add(new KeyChange("config." + key, KeyChange.Kind.REMOVED, have, "(default)", false));
                config.put(key, null);
            } else if (!want.equals(have)) {
                shown.add(new KeyChange("config." + key, KeyChange.Kind.CHANGED, have, want, false));
                config.put(key, want);
            }
        }
        if (shown.isEmpty()) {
            return untouched(cluster, "Topic", topic.name(), owner, source, null);
        }
        KafkaWrite.UpdateTopic update = new KafkaWrite.UpdateTopic(topic.name(), partitions, config);
        return change(cluster, "Topic", topic.name(), Action.UPDATE, shown, owner, source, notOwnedNote(owner), update, false,
                digest("Topic", topic.name(), partitions + " " + config));
    }

    static Change planAcls(String cluster, AclSpec acl, KafkaLive live, Owner owner) {
        String source = acl.source().toString();
        String principal = acl.principal();
        if (live.acls() == null) {
            return leftAlone(cluster, "Acl", principal, owner, source, live.aclProblem() + ": left alone");
        }
        if (owner.kind() == Owner.Kind.OTHER) {
            return leftAlone(cluster, "Acl", principal, owner, source, "owned by another connectops (owner '" + owner.detail()
                    + "'): left alone");
        }
        Set<KafkaAdmin.AclEntry> desired = new LinkedHashSet<>();
        acl.rules().forEach(rule -> desired.add(new KafkaAdmin.AclEntry(principal, rule)));
        Set<KafkaAdmin.AclEntry> current = live.acls().getOrDefault(principal, Set.of());
        List<KafkaAdmin.AclEntry> create = sorted(desired.stream().filter(e -> !current.contains(e)).toList());
        List<KafkaAdmin.AclEntry> extra = sorted(current.stream().filter(e -> !desired.contains(e)).toList());
        // The whole set is ours to make equal when connectops made it, or when there is nothing yet.
        boolean ownsSet = owner.ours() || (owner.kind() == Owner.Kind.NONE && current.isEmpty());
        List<KafkaAdmin.AclEntry> delete = ownsSet ? extra : List.of();
        List<KeyChange> shown = new ArrayList<>();
        create.forEach(e -> shown.add(new KeyChange("acl", KeyChange.Kind.ADDED, null, e.rule().key(), false)));
        delete.forEach(e -> shown.add(new KeyChange("acl", KeyChange.Kind.REMOVED, e.rule().key(), null, false)));
        String note = !ownsSet && !extra.isEmpty() ? extra.size() + " ACL(s) of " + principal + " not declared are left: connectops did not "
                + "make this principal's ACLs (" + owner.label() + "), so it only adds" : null;
        if (shown.isEmpty()) {
            return untouched(cluster, "Acl", principal, owner, source, note);
        }
        KafkaWrite.UpdateAcls write = new KafkaWrite.UpdateAcls(principal, create, delete);
        Action action = current.isEmpty() && !owner.ours() ? Action.CREATE : Action.UPDATE;
        return change(cluster, "Acl", principal, action, shown, action == Action.CREATE ? Owner.CONNECTOPS : owner, source, note, write,
                owner.kind() == Owner.Kind.NONE && ownsSet, digest("Acl", principal, create + " " + delete));
    }

    static Change planUser(String cluster, UserSpec user, KafkaLive live, ClaimOwners owners, Owner owner) {
        String source = user.source().toString();
        if (live.users() == null) {
            return leftAlone(cluster, "User", user.name(), owner, source, live.userProblem() + ": left alone");
        }
        Set<UserSpec.Mechanism> mechanisms = live.users().get(user.name());
        if (mechanisms != null && owner.kind() == Owner.Kind.OTHER) {
            return leftAlone(cluster, "User", user.name(), owner, source, "owned by another connectops (owner '" + owner.detail()
                    + "'): left alone");
        }
        Map<String, String> recorded = owners.attributes(ResourceClaims.user(user.name()));
        String passwordShown = user.password() != null ? "(sensitive, from a secret variable)" : "(generated once into " + user.passwordFile() + ")";
        Action action;
        String why;
        boolean regenerate = false;
        if (mechanisms == null) {
            action = Action.CREATE;
            why = null;
        } else if (!mechanisms.contains(user.mechanism())) {
            action = Action.UPDATE;
            why = "no " + user.mechanism().label() + " credential yet";
        } else if (user.rotateToken() != null && !user.rotateToken().equals(recorded.get(UserPasswords.ROTATE_TOKEN))
                && (owner.ours() || user.password() != null)) {
            action = Action.UPDATE;
            why = "rotateToken changed: a new credential" + (user.password() == null ? " (a new password is generated)" : "");
            regenerate = user.password() == null;
        } else if (user.password() != null && !UserPasswords.matches(user.password(), recorded)) {
            action = Action.UPDATE;
            why = owner.ours() ? "the password changed" : "the password is set as declared (it cannot be read back), and recorded";
        } else {
            String note = user.password() == null && !owner.ours()
                    ? "exists and was not made by connectops: its password is kept (set spec.rotateToken to have one generated)" : null;
            return untouched(cluster, "User", user.name(), owner, source, note);
        }
        List<KeyChange> shown = List.of(
                new KeyChange("mechanism", mechanisms == null ? KeyChange.Kind.ADDED : KeyChange.Kind.CHANGED, mechanisms == null ? null
                        : String.join(",", mechanisms.stream().map(UserSpec.Mechanism::label).sorted().toList()), user.mechanism().label(), false),
                new KeyChange("password", mechanisms == null ? KeyChange.Kind.ADDED : KeyChange.Kind.CHANGED, mechanisms == null ? null
                        : "(sensitive)", passwordShown, false)); // display words only: the value is never in a plan
        KafkaWrite.UpsertUser write = new KafkaWrite.UpsertUser(user.name(), user.mechanism(), user.iterations(), user.password(),
                user.passwordFile(), regenerate, user.rotateToken());
        String digestText = user.mechanism() + " " + user.iterations() + " " + regenerate + " " + user.rotateToken() + " "
                + (user.password() == null ? "generated:" + user.passwordFile() : Sensitivity.byName().digestValue("password", user.password()));
        return change(cluster, "User", user.name(), action, shown, action == Action.CREATE ? Owner.CONNECTOPS : owner, source, why, write,
                true, digest("User", user.name(), digestText));
    }

    private static String notOwnedNote(Owner owner) {
        return switch (owner.kind()) {
            case NONE -> "exists and is not owned by connectops: updated, never pruned";
            case UNKNOWN -> "updated as declared; whether connectops owns it is unknown (" + owner.detail() + ")";
            default -> null;
        };
    }

    private static List<KafkaAdmin.AclEntry> sorted(java.util.Collection<KafkaAdmin.AclEntry> entries) {
        return entries.stream().sorted(Comparator.comparing(KafkaAdmin.AclEntry::toString)).toList();
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
