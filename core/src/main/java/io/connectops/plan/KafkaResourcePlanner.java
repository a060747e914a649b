package io.connectops.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.KafkaLive;
import io.connectops.kafka.ResourceClaims;
import io.connectops.model.AclSpec;
import io.connectops.model.Diagnostic;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;
import io.connectops.ownership.Owner;

/**
 * The pure planning of one declared topic, ACL set or user against what was read (the rules are in {@link KafkaPlanner}):
 * what to send, what to show, and what Kafka cannot do (refused before anything is written).
 */
final class KafkaResourcePlanner {
    private KafkaResourcePlanner() {
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
            return KafkaPlanner.change(cluster, "Topic", topic.name(), Action.CREATE, shown, Owner.CONNECTOPS, source, null,
                    new KafkaWrite.CreateTopic(create), true, KafkaPlanner.digest("Topic", topic.name(), create.toString()));
        }
        if (owner.kind() == Owner.Kind.OTHER) {
            return KafkaPlanner.leftAlone(cluster, "Topic", topic.name(), owner, source, "owned by another connectops (owner '" + owner.detail()
                    + "'): left alone");
        }
        KafkaAdmin.TopicShape shape = live.shapes().get(topic.name());
        Map<String, String> liveConfig = live.configs().get(topic.name());
        if (shape == null || liveConfig == null) {
            return KafkaPlanner.leftAlone(cluster, "Topic", topic.name(), owner, source, "exists but cannot be described: left alone");
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
        KeyDiff<String> configs = KeyDiff.of(topic.config(), liveConfig, "config.", value -> value, "(default)");
        shown.addAll(configs.shown());
        config.putAll(configs.writes());
        if (shown.isEmpty()) {
            return KafkaPlanner.untouched(cluster, "Topic", topic.name(), owner, source, null);
        }
        KafkaWrite.UpdateTopic update = new KafkaWrite.UpdateTopic(topic.name(), partitions, config);
        return KafkaPlanner.change(cluster, "Topic", topic.name(), Action.UPDATE, shown, owner, source, notOwnedNote(owner), update, false,
                KafkaPlanner.digest("Topic", topic.name(), partitions + " " + config));
    }

    static Change planAcls(String cluster, AclSpec acl, KafkaLive live, Owner owner) {
        String source = acl.source().toString();
        String principal = acl.principal();
        if (live.acls() == null) {
            return KafkaPlanner.leftAlone(cluster, "Acl", principal, owner, source, live.aclProblem() + ": left alone");
        }
        if (owner.kind() == Owner.Kind.OTHER) {
            return KafkaPlanner.leftAlone(cluster, "Acl", principal, owner, source, "owned by another connectops (owner '" + owner.detail()
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
            return KafkaPlanner.untouched(cluster, "Acl", principal, owner, source, note);
        }
        KafkaWrite.UpdateAcls write = new KafkaWrite.UpdateAcls(principal, create, delete);
        Action action = current.isEmpty() && !owner.ours() ? Action.CREATE : Action.UPDATE;
        return KafkaPlanner.change(cluster, "Acl", principal, action, shown, action == Action.CREATE ? Owner.CONNECTOPS : owner, source, note, write,
                owner.kind() == Owner.Kind.NONE && ownsSet, KafkaPlanner.digest("Acl", principal, create + " " + delete));
    }

    static Change planUser(String cluster, UserSpec user, KafkaLive live, ClaimOwners owners, Owner owner) {
        String source = user.source().toString();
        if (live.users() == null) {
            return KafkaPlanner.leftAlone(cluster, "User", user.name(), owner, source, live.userProblem() + ": left alone");
        }
        Set<UserSpec.Mechanism> mechanisms = live.users().get(user.name());
        if (mechanisms != null && owner.kind() == Owner.Kind.OTHER) {
            return KafkaPlanner.leftAlone(cluster, "User", user.name(), owner, source, "owned by another connectops (owner '" + owner.detail()
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
        } else if (user.rotateToken() != null && !user.rotateToken().equals(recorded.get(UserPasswords.ROTATE_TOKEN))) {
            // Also for a user connectops did not make: a rotateToken is how the file asks for a credential it sets (docs/kafka.md).
            action = Action.UPDATE;
            why = "rotateToken changed: a new credential" + (user.password() == null ? " (a new password is generated)" : "");
            regenerate = user.password() == null;
        } else if (user.password() != null && !UserPasswords.matches(user.password(), recorded)) {
            action = Action.UPDATE;
            why = owner.ours() ? "the password changed" : "the password is set as declared (it cannot be read back), and recorded";
        } else {
            String note = user.password() == null && !owner.ours()
                    ? "exists and was not made by connectops: its password is kept (set spec.rotateToken to have one generated)" : null;
            return KafkaPlanner.untouched(cluster, "User", user.name(), owner, source, note);
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
        return KafkaPlanner.change(cluster, "User", user.name(), action, shown, action == Action.CREATE ? Owner.CONNECTOPS : owner, source, why, write,
                true, KafkaPlanner.digest("User", user.name(), digestText));
    }

    private static String notOwnedNote(Owner owner) {
        return switch (owner.kind()) {
            case NONE -> "exists and is not owned by connectops: updated, never pruned";
            case UNKNOWN -> "updated as declared; whether connectops owns it is unknown (" + owner.detail() + ")";
            default -> null;
        };
    }

    static List<KafkaAdmin.AclEntry> sorted(java.util.Collection<KafkaAdmin.AclEntry> entries) {
        return entries.stream().sorted(Comparator.comparing(KafkaAdmin.AclEntry::toString)).toList();
    }
}
