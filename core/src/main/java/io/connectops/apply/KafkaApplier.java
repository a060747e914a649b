package io.connectops.apply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.ResourceClaims;
import io.connectops.model.UserSpec;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.TargetPlan;
import io.connectops.plan.KafkaWrite;
import io.connectops.plan.UserPasswords;
import io.connectops.secrets.Redactor;

/**
 * Executes one Kafka cluster's plan in few requests: all topic creations in one batch, then partition
 * increases, config changes, ACL creations, SCRAM upserts, and last the deletions, each one batch.
 * Kafka answers per item, so one failing topic is reported and the others go on. Claims are written
 * after the writes that succeeded (never for a failed one) and released after deletions.
 */
public final class KafkaApplier {
    private KafkaApplier() {
    }

    /** @param gate asked for every change before it is batched: a refused one is reported and nothing of it is sent */
    public static List<Outcome> apply(TargetPlan plan, WriteGate gate, KafkaAdmin admin, ResourceClaims claims, PasswordStore passwords,
                                      Redactor redactor, Consumer<Outcome> progress) {
        Map<String, String> errors = new LinkedHashMap<>();
        // Topics, ACL sets and users; kinds added as plug-ins apply their own changes.
        List<Change> planned = plan.changes().stream().filter(c -> c.action() != Action.NONE && c.write() instanceof KafkaWrite).toList();
        for (Change change : planned) {
            WriteGate.Verdict verdict = gate.check(change.id(), WriteKind.of(change.action()));
            if (!verdict.allowed()) {
                errors.put(change.resource(), verdict.reason());
            }
        }
        List<Change> work = planned.stream().filter(c -> !errors.containsKey(c.resource())).toList();
        Map<String, Map<String, String>> claimAttributes = new HashMap<>();

        List<KafkaAdmin.NewTopic> creates = new ArrayList<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        List<String> topicDeletes = new ArrayList<>();
        List<KafkaAdmin.AclEntry> aclCreates = new ArrayList<>();
        List<KafkaAdmin.AclEntry> aclDeletes = new ArrayList<>();
        Map<KafkaAdmin.AclEntry, String> aclOwner = new HashMap<>();
        List<KafkaAdmin.ScramCredential> upserts = new ArrayList<>();
        Map<String, Set<UserSpec.Mechanism>> userDeletes = new LinkedHashMap<>();
        for (Change change : work) {
            KafkaWrite write = (KafkaWrite) change.write();
            if (write instanceof KafkaWrite.CreateTopic create) {
                creates.add(create.topic());
            } else if (write instanceof KafkaWrite.UpdateTopic update) {
                if (update.partitions() != null) {
                    partitions.put(update.topic(), update.partitions());
                }
                if (!update.config().isEmpty()) {
                    configs.put(update.topic(), update.config());
                }
            } else if (write instanceof KafkaWrite.DeleteTopic delete) {
                topicDeletes.add(delete.topic());
            } else if (write instanceof KafkaWrite.UpdateAcls acls) {
                acls.create().forEach(e -> aclOwner.put(e, change.resource()));
                acls.delete().forEach(e -> aclOwner.put(e, change.resource()));
                aclCreates.addAll(acls.create());
                aclDeletes.addAll(acls.delete());
            } else if (write instanceof KafkaWrite.UpsertUser user) {
                try {
                    String password = password(user, passwords);
                    redactor.register(password); // generated or kept: never printed, whatever quotes it
                    upserts.add(new KafkaAdmin.ScramCredential(user.user(), user.mechanism(), user.iterations(), password));
                    claimAttributes.put(change.resource(), UserPasswords.attributes(password, user.rotateToken()));
                } catch (IOException e) {
                    errors.put(change.resource(), "cannot keep the generated password at " + user.passwordFile() + ": " + e.getMessage());
                }
            } else if (write instanceof KafkaWrite.DeleteUser user) {
                userDeletes.put(user.user(), user.mechanisms());
            }
        }
        // Creations and changes first, deletions last: a prune never runs before what replaces it.
        admin.createTopics(creates).forEach((topic, why) -> errors.put(ResourceClaims.topic(topic), why));
        admin.createPartitions(partitions).forEach((topic, why) -> errors.merge(ResourceClaims.topic(topic), why, KafkaApplier::join));
        admin.alterTopicConfigs(configs).forEach((topic, why) -> errors.merge(ResourceClaims.topic(topic), why, KafkaApplier::join));
        admin.createAcls(aclCreates).forEach((acl, why) -> errors.merge(aclOwner.get(acl), acl.rule().key() + ": " + why, KafkaApplier::join));
        admin.upsertScram(upserts).forEach((user, why) -> errors.merge(ResourceClaims.user(user), why, KafkaApplier::join));
        admin.deleteAcls(aclDeletes).forEach((acl, why) -> errors.merge(aclOwner.get(acl), acl.rule().key() + ": " + why, KafkaApplier::join));
        admin.deleteTopics(topicDeletes).forEach((topic, why) -> errors.merge(ResourceClaims.topic(topic), why, KafkaApplier::join));
        admin.deleteScram(userDeletes).forEach((user, why) -> errors.merge(ResourceClaims.user(user), why, KafkaApplier::join));

        List<ResourceClaims.Claim> newClaims = new ArrayList<>();
        List<String> released = new ArrayList<>(plan.staleClaims());
        for (Change change : work) {
            if (errors.containsKey(change.resource())) {
                continue;
            }
            if (change.claim() && gate.check(change.id(), WriteKind.CLAIM).allowed()) {
                newClaims.add(new ResourceClaims.Claim(plan.clusterId(), change.resource(), ownerId(plan, change), claimAttributes.getOrDefault(
                        change.resource(), Map.of()), null));
            } else if (change.action() == Action.DELETE) {
                released.add(change.resource());
            } else if (claimAttributes.containsKey(change.resource())) {
                // A user already ours whose credential changed: its claim carries the new fingerprint.
                newClaims.add(new ResourceClaims.Claim(plan.clusterId(), change.resource(), ownerId(plan, change),
                        claimAttributes.get(change.resource()), null));
            }
        }
        // The claims are written while the brokers catch up with the writes: neither waits for the other.
        java.util.concurrent.CompletableFuture<String> claimWrite = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                claims.write(newClaims);
                if (!released.isEmpty()) {
                    claims.release(plan.clusterId(), released);
                }
                return null;
            } catch (RuntimeException e) {
                return "applied, but the ownership record could not be written (" + e.getMessage() + "): it is not recorded as "
                        + "connectops' own, so it will not be pruned";
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "connectops-claims");
            thread.setDaemon(true);
            thread.start();
        });
        awaitVisible(admin, creates, aclCreates, aclDeletes, upserts, topicDeletes, errors, aclOwner);
        String claimError = claimWrite.join();
        List<Outcome> outcomes = new ArrayList<>();
        for (Change change : planned) {
            String error = errors.get(change.resource());
            if (error == null && claimError != null && (change.claim() || claimAttributes.containsKey(change.resource()))) {
                error = claimError;
            }
            Outcome outcome = new Outcome(plan.name(), change.resource(), change.action(), error == null ? done(change) : null, error);
            progress.accept(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** How long apply waits for what it wrote to show in Kafka's reads (metadata reaches the brokers after the controller commits it). */
    static final java.time.Duration VISIBLE_WITHIN = java.time.Duration.ofSeconds(10);

    /**
     * Waits, bounded, until the brokers answer reads with what was just written: topics created or deleted,
     * ACLs created or deleted, SCRAM credentials set. Kafka acknowledges a write when its controller committed
     * it; the brokers' metadata follows shortly after. Without this, a plan right after an apply (the
     * controller's follow-up pass, a CI job's check) would see the old state and write it all again. Only runs
     * after writes; a no-op apply reads nothing more.
     */
    private static void awaitVisible(KafkaAdmin admin, List<KafkaAdmin.NewTopic> creates, List<KafkaAdmin.AclEntry> aclCreates,
                                     List<KafkaAdmin.AclEntry> aclDeletes, List<KafkaAdmin.ScramCredential> upserts,
                                     List<String> topicDeletes, Map<String, String> errors, Map<KafkaAdmin.AclEntry, String> aclOwner) {
        java.util.Set<String> created = new java.util.HashSet<>();
        creates.stream().map(KafkaAdmin.NewTopic::name).filter(t -> !errors.containsKey(ResourceClaims.topic(t))).forEach(created::add);
        java.util.Set<String> deleted = new java.util.HashSet<>();
        topicDeletes.stream().filter(t -> !errors.containsKey(ResourceClaims.topic(t))).forEach(deleted::add);
        java.util.Set<KafkaAdmin.AclEntry> present = new java.util.HashSet<>();
        aclCreates.stream().filter(a -> !errors.containsKey(aclOwner.get(a))).forEach(present::add);
        java.util.Set<KafkaAdmin.AclEntry> absent = new java.util.HashSet<>();
        aclDeletes.stream().filter(a -> !errors.containsKey(aclOwner.get(a))).forEach(absent::add);
        Map<String, UserSpec.Mechanism> users = new HashMap<>();
        upserts.stream().filter(u -> !errors.containsKey(ResourceClaims.user(u.user()))).forEach(u -> users.put(u.user(), u.mechanism()));
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                boolean topicsVisible = created.isEmpty() && deleted.isEmpty();
                if (!topicsVisible) {
                    java.util.Set<String> live = admin.listTopics();
                    topicsVisible = live.containsAll(created) && deleted.stream().noneMatch(live::contains);
                }
                boolean aclsVisible = present.isEmpty() && absent.isEmpty();
                if (!aclsVisible) {
                    java.util.Set<KafkaAdmin.AclEntry> live = new java.util.HashSet<>(admin.describeAcls());
                    aclsVisible = live.containsAll(present) && absent.stream().noneMatch(live::contains);
                }
                boolean usersVisible = users.isEmpty();
                if (!usersVisible) {
                    Map<String, Set<UserSpec.Mechanism>> live = admin.scramUsers();
                    usersVisible = users.entrySet().stream().allMatch(e -> live.getOrDefault(e.getKey(), Set.of()).contains(e.getValue()));
                }
                if (topicsVisible && aclsVisible && usersVisible) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (RuntimeException e) {
            // A read failing here changes nothing about what was written: the next plan sees it.
        }
    }

    /** A team's resource is claimed under the team's owner id (docs/teams.md); the rest under the cluster's. */
    private static String ownerId(TargetPlan plan, Change change) {
        return change.owner().ours() && change.owner().detail() != null ? change.owner().detail() : plan.owner();
    }

    private static String done(Change change) {
        return switch (change.action()) {
            case CREATE -> "created";
            case DELETE -> "deleted";
            default -> "updated";
        };
    }

    private static String join(String a, String b) {
        return a + "; " + b;
    }

    /** The password to set: given, kept where generated ones are, or generated and kept there before it is used. */
    static String password(KafkaWrite.UpsertUser user, PasswordStore store) throws IOException {
        if (user.password() != null) {
            return user.password();
        }
        if (!user.regenerate()) {
            java.util.Optional<String> kept = store.read(user.passwordFile(), user.user());
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        String generated = UserPasswords.generate();
        store.write(user.passwordFile(), user.user(), generated);
        return generated;
    }
}
