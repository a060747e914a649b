package io.connectops.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.connectops.apply.KafkaApplier;
import io.connectops.apply.Outcome;
import io.connectops.apply.PasswordStore;
import io.connectops.gate.WriteGate;
import io.connectops.kafka.AdminKafka;
import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.KafkaLive;
import io.connectops.kafka.KafkaObserver;
import io.connectops.kafka.ResourceClaims;
import io.connectops.kafka.TopicClaims;
import io.connectops.kinds.KafkaKind;
import io.connectops.kinds.Kinds;
import io.connectops.model.Diagnostic;
import io.connectops.model.KafkaResource;
import io.connectops.model.Targets;
import io.connectops.plan.ClaimOwners;
import io.connectops.plan.KafkaPlanner;
import io.connectops.plan.Sensitivity;
import io.connectops.plan.TargetKind;
import io.connectops.plan.TargetPlan;
import io.connectops.secrets.Redactor;

/**
 * One Kafka cluster's declared topics, ACL sets and users with the Admin client and claim record to reach it, and
 * where generated passwords are kept: a constant number of Admin requests to read, batched writes to apply.
 */
public final class KafkaSession implements TargetSession {
    private final Targets.KafkaTarget target;
    private final KafkaAdmin admin;
    private final ResourceClaims claims;
    private final PasswordStore passwords;
    private final Redactor redactor;
    /** The Kafka kinds added as plug-ins, planned and applied beside topics, ACL sets and users. */
    private final List<KafkaKind> kinds = Kinds.KAFKA;

    /** @param redactor the run's: learns client credentials and user passwords, and masks them in every outcome */
    public KafkaSession(Targets.KafkaTarget target, KafkaAdmin admin, ResourceClaims claims, PasswordStore passwords, Redactor redactor) {
        this.target = target;
        this.admin = admin;
        this.claims = claims;
        this.passwords = passwords;
        this.redactor = redactor;
        registerSecrets(target);
    }

    /** A session that is a run of its own (tests), generated passwords kept in files. */
    public KafkaSession(Targets.KafkaTarget target, KafkaAdmin admin, ResourceClaims claims) {
        this(target, admin, claims, PasswordStore.files(PasswordStore.DEFAULT_DIR), new Redactor());
    }

    /** The real clients for a declared cluster: its bootstrap servers and client properties, the claims in its own topic. */
    public static KafkaSession connect(Targets.KafkaTarget target, Redactor redactor) {
        return connect(target, redactor, PasswordStore.files(PasswordStore.DEFAULT_DIR));
    }

    /** As {@link #connect(Targets.KafkaTarget, Redactor)}, generated passwords kept in {@code passwords}. */
    public static KafkaSession connect(Targets.KafkaTarget target, Redactor redactor, PasswordStore passwords) {
        return new KafkaSession(target, new AdminKafka(target.cluster().bootstrapServers(), target.cluster().properties()),
                new TopicClaims(target.cluster().bootstrapServers(), target.cluster().properties(), target.cluster().ownershipWriters(),
                        target.cluster().ownershipTopic()),
                passwords, redactor);
    }

    public Targets.KafkaTarget target() {
        return target;
    }

    public KafkaAdmin admin() {
        return admin;
    }

    public ResourceClaims claims() {
        return claims;
    }

    public PasswordStore passwords() {
        return passwords;
    }

    @Override
    public TargetKind kind() {
        return KafkaPlanner.TARGET;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public long requests() {
        return admin.requests();
    }

    /**
     * Every declared or connectops-owned resource of every Kafka kind (plug-in kinds included), from the plan of this
     * cluster: Synced, Missing, OutOfSync (it differs, or the change is one Kafka cannot make), or NotDeclared.
     */
    @Override
    public io.connectops.status.TargetStatus status(boolean declared) {
        String address = target.cluster().bootstrapServers();
        KafkaPlanner.Result result = observeAndPlan(false);
        TargetPlan plan = result.plan();
        java.util.Set<String> refused = result.refusedResources();
        List<io.connectops.status.KafkaStatusRow> rows = new ArrayList<>();
        for (io.connectops.plan.Change change : plan.changes()) {
            String sync = refused.contains(change.resource()) ? "OutOfSync" : switch (change.action()) {
                case NONE -> change.source() == null ? "NotDeclared" : "Synced";
                case CREATE -> "Missing";
                default -> "OutOfSync";
            };
            String detail = refused.contains(change.resource()) ? "refused: a change Kafka cannot make (see plan)"
                    : change.keyChanges().isEmpty() ? (change.note() == null ? "" : change.note())
                    : change.keyChanges().size() + " difference(s): " + String.join(", ", change.keyChanges().stream()
                            .map(io.connectops.plan.KeyChange::key).distinct().toList());
            rows.add(new io.connectops.status.KafkaStatusRow(name(), change.resource(), change.owner().label(), sync, redactor.redact(detail)));
        }
        List<String> errors = new ArrayList<>(plan.problems());
        if (plan.error() != null) {
            errors.add(plan.error());
        }
        return new io.connectops.status.TargetStatus(kind(), name(), address, rows, errors.stream().map(redactor::redact).toList());
    }

    @Override
    public Planned plan(PlanRequest request) {
        // Where a generated password would go must be writable by this front end, before anything is written.
        List<Diagnostic> unkeepable = new ArrayList<>();
        for (io.connectops.model.UserSpec u : target.users()) {
            if (u.password() != null || u.passwordFile() == null) {
                continue;
            }
            if (!passwords.keeps(u.passwordFile())) {
                unkeepable.add(new Diagnostic(u.source(), "user '" + u.name() + "': its generated password would be kept in "
                        + u.passwordFile() + ", a Kubernetes Secret, which only 'connectops operator' writes: give a file path in "
                        + "'spec.passwordFile'"));
            } else if (passwords.refusal(u.passwordFile()) != null) {
                unkeepable.add(new Diagnostic(u.source(), "user '" + u.name() + "': " + passwords.refusal(u.passwordFile())));
            }
        }
        if (!unkeepable.isEmpty()) {
            return new Planned(KafkaPlanner.unreachable(target, "not planned: a generated password cannot be kept"), unkeepable);
        }
        KafkaPlanner.Result result = observeAndPlan(request.prune());
        return new Planned(result.plan(), result.refused());
    }

    /** One bulk read and the plan of every Kafka kind; a cluster that cannot be read is an unreachable plan. */
    private KafkaPlanner.Result observeAndPlan(boolean prune) {
        KafkaLive live;
        try {
            live = KafkaObserver.read(target, admin, claims);
        } catch (RuntimeException e) {
            return new KafkaPlanner.Result(KafkaPlanner.unreachable(target, e.getMessage()), List.of());
        }
        KafkaPlanner.Result result = KafkaPlanner.plan(target, live, prune);
        TargetPlan plan = result.plan();
        ClaimOwners owners = new ClaimOwners(live, target);
        for (KafkaKind kind : kinds) {
            List<KafkaResource> declared = target.resources(kind.kind());
            if (declared.isEmpty() && owners.ours().stream().noneMatch(r -> r.startsWith(kind.claimPrefix()))) {
                continue; // nothing of it declared, nothing of it ours to prune: not one request more
            }
            try {
                plan = plan.plus(kind.plan(name(), declared, kind.observe(admin), owners, prune));
            } catch (RuntimeException e) {
                return new KafkaPlanner.Result(KafkaPlanner.unreachable(target, kind.kind() + ": " + e.getMessage()), List.of());
            }
        }
        return new KafkaPlanner.Result(withTopicData(plan), result.refused(), result.refusedResources());
    }

    /**
     * Each topic the plan deletes, with what it holds shown as its last values ({@code status.records},
     * {@code status.consumerGroups}): the plan says it, and the policy on deletes (docs/policies.md) refuses by default
     * to delete records or what a group reads. A cluster that cannot say is shown as unknown, which that policy refuses.
     */
    private TargetPlan withTopicData(TargetPlan plan) {
        List<String> deleted = plan.changes().stream().filter(c -> c.action() == io.connectops.plan.Action.DELETE && c.kind().equals("Topic"))
                .map(io.connectops.plan.Change::name).toList();
        if (deleted.isEmpty()) {
            return plan;
        }
        Map<String, io.connectops.kafka.TopicData> data;
        String unread = null;
        try {
            data = admin.topicData(deleted);
        } catch (RuntimeException e) {
            data = Map.of();
            unread = e.getMessage();
        }
        List<io.connectops.plan.Change> changes = new ArrayList<>();
        for (io.connectops.plan.Change change : plan.changes()) {
            if (!deleted.contains(change.name()) || !change.kind().equals("Topic") || change.action() != io.connectops.plan.Action.DELETE) {
                changes.add(change);
                continue;
            }
            io.connectops.kafka.TopicData held = data.get(change.name());
            changes.add(held == null ? change.withNote("what it holds could not be read" + (unread == null ? "" : ": " + unread))
                    : change.withNote(held.describe()).plusKeyChanges(List.of(
                            new io.connectops.plan.KeyChange("status.records", io.connectops.plan.KeyChange.Kind.REMOVED,
                                    Long.toString(held.records()), null, false),
                            new io.connectops.plan.KeyChange("status.consumerGroups", io.connectops.plan.KeyChange.Kind.REMOVED,
                                    String.join(",", held.groups()), null, false))));
        }
        return plan.withChanges(changes);
    }

    @Override
    public List<Outcome> apply(TargetPlan plan, WriteGate gate, ApplyRequest request) {
        List<Outcome> outcomes = new ArrayList<>(KafkaApplier.apply(plan, gate, admin, claims, passwords, redactor, request.progress()));
        for (KafkaKind kind : kinds) {
            outcomes.addAll(PluginKindApplier.apply(kind, plan, gate, admin, claims, request.progress()));
        }
        return outcomes.stream().map(o -> o.redacted(redactor)).toList();
    }

    @Override
    public void close() {
        admin.close();
        claims.close();
    }

    /** Client properties that carry credentials, and given user passwords, are kept out of every text. */
    private void registerSecrets(Targets.KafkaTarget target) {
        target.cluster().properties().forEach((key, value) -> {
            if (Sensitivity.byName().isSensitive(key) || key.contains("jaas")) {
                redactor.register(value);
                // The password inside a JAAS line is the secret part: mask it alone too (the line is long and varies).
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("password=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(value);
                while (m.find()) {
                    redactor.register(m.group(1));
                }
            }
        });
        target.users().forEach(user -> {
            if (user.password() != null) {
                redactor.register(user.password());
            }
        });
    }
}
