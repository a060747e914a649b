package io.connectops.kinds.quota;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectops.kafka.KafkaAdmin;
import io.connectops.kinds.KafkaKind;
import io.connectops.load.DocumentReader;
import io.connectops.model.KafkaResource;
import io.connectops.model.ResourceId;
import io.connectops.ownership.Owner;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.ClaimOwners;
import io.connectops.plan.Digests;
import io.connectops.plan.KeyChange;
import io.connectops.plan.KeyDiff;
import io.connectops.plan.PlanPart;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;

/**
 * Kafka client quotas ({@code producer_byte_rate}, {@code consumer_byte_rate}, {@code request_percentage},
 * {@code controller_mutation_rate}) per user, client id, both, or their defaults: read with one
 * {@code DescribeClientQuotas}, changed with one {@code AlterClientQuotas}, whatever their number. An entity's quotas
 * are one resource: made equal to the declaration (a quota left out of it is removed), claimed when connectops sets
 * them first, removed with prune only when claimed. Entities by IP address are not managed (never touched).
 */
public final class ClientQuotas implements KafkaKind {
    public static final String KIND = "ClientQuota";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<DocumentReader> readers() {
        return List.of(new ClientQuotaReader.Native(), new ClientQuotaReader.StrimziUser());
    }

    @Override
    public String toNative(KafkaResource resource) {
        ClientQuotaSpec spec = (ClientQuotaSpec) resource;
        StringBuilder yaml = new StringBuilder("apiVersion: connectops.io/v1alpha1\nkind: ").append(KIND).append("\nmetadata: {name: ")
                .append(quote(spec.name().replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "").toLowerCase(java.util.Locale.ROOT)))
                .append("}\nspec:\n");
        if (spec.cluster() != null) {
            yaml.append("  cluster: ").append(quote(spec.cluster())).append('\n');
        }
        if (spec.entity().containsKey("user")) {
            yaml.append("  user: ").append(quote(Objects.requireNonNullElse(spec.entity().get("user"), ClientQuotaSpec.DEFAULT))).append('\n');
        }
        if (spec.entity().containsKey("client-id")) {
            yaml.append("  clientId: ").append(quote(Objects.requireNonNullElse(spec.entity().get("client-id"), ClientQuotaSpec.DEFAULT)))
                    .append('\n');
        }
        yaml.append("  quotas:\n");
        new TreeMap<>(spec.quotas()).forEach((key, value) -> yaml.append("    ").append(key).append(": ").append(number(value)).append('\n'));
        return yaml.toString();
    }

    /** A YAML double-quoted scalar (JSON's escaping is valid YAML). */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Every live entity with quotas (by key), and its quotas. */
    record Live(Map<String, Map<String, String>> entities, Map<String, Map<String, Double>> quotas) implements Observed {
        @Override
        public Set<String> present() {
            Set<String> keys = new TreeSet<>();
            quotas.keySet().forEach(key -> keys.add(claimKey(key)));
            return keys;
        }

        @Override
        public String fingerprint() {
            return Digests.of(new TreeMap<>(quotas).toString());
        }
    }

    @Override
    public Live observe(KafkaAdmin admin) {
        Map<ClientQuotaEntity, Map<String, Double>> read = admin.read("describe client quotas",
                a -> a.describeClientQuotas(ClientQuotaFilter.all()).entities());
        Map<String, Map<String, String>> entities = new HashMap<>();
        Map<String, Map<String, Double>> quotas = new HashMap<>();
        read.forEach((entity, values) -> {
            Set<String> types = entity.entries().keySet();
            if (values.isEmpty() || !Set.of(ClientQuotaEntity.USER, ClientQuotaEntity.CLIENT_ID).containsAll(types)) {
                return; // IP entities are not connectops'
            }
            String key = ClientQuotaSpec.entityKey(entity.entries());
            entities.put(key, entity.entries());
            quotas.put(key, Map.copyOf(values));
        });
        return new Live(entities, quotas);
    }

    static String claimKey(String entityKey) {
        return KIND.toLowerCase(java.util.Locale.ROOT) + "/" + entityKey;
    }

    @Override
    public PlanPart plan(String cluster, List<KafkaResource> declared, Observed observed, ClaimOwners owners, boolean prune) {
        Live live = (Live) observed;
        List<Change> changes = new ArrayList<>();
        Set<String> declaredKeys = new TreeSet<>();
        for (KafkaResource resource : declared) {
            ClientQuotaSpec spec = (ClientQuotaSpec) resource;
            declaredKeys.add(spec.name());
            changes.add(planOne(cluster, spec, live.quotas().get(spec.name()), owners.of(claimKey(spec.name()))));
        }
        List<String> unmanaged = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(live.quotas().keySet())) {
            if (declaredKeys.contains(key)) {
                continue;
            }
            Owner owner = owners.of(claimKey(key));
            ResourceId id = new ResourceId(KIND, cluster, key);
            switch (owner.kind()) {
                case NONE, OTHER -> unmanaged.add(claimKey(key));
                case UNKNOWN -> {
                    unknown.add(claimKey(key));
                    changes.add(Change.untouched(id, owner, null, "not declared, and whether connectops owns it is unknown ("
                            + owner.detail() + "): never removed"));
                }
                case CONNECTOPS -> changes.add(prune ? remove(id, live, key, owner)
                        : Change.untouched(id, owner, null, "owned by connectops and no longer declared: removed with --prune"));
            }
        }
        Set<String> present = live.present();
        List<String> stale = owners.ours().stream().filter(r -> r.startsWith(claimPrefix()) && !present.contains(r)).sorted().toList();
        int owned = (int) present.stream().filter(r -> owners.of(r).ours()).count();
        return new PlanPart(changes, unmanaged, unknown, stale, owned, live.fingerprint());
    }

    private static Change planOne(String cluster, ClientQuotaSpec spec, Map<String, Double> live, Owner owner) {
        ResourceId id = new ResourceId(KIND, cluster, spec.name());
        String source = spec.source().toString();
        if (live == null) {
            List<KeyChange> shown = new ArrayList<>();
            new TreeMap<>(spec.quotas()).forEach((k, v) -> shown.add(new KeyChange(k, KeyChange.Kind.ADDED, null, number(v), false)));
            QuotaWrite write = new QuotaWrite(spec.entity(), spec.quotas());
            return Change.builder(id, Action.CREATE).keyChanges(shown).owner(Owner.CONNECTOPS).source(source)
                    .write(write, Digests.of(KIND, spec.name(), new TreeMap<>(spec.quotas()).toString())).claim(true).build();
        }
        if (owner.kind() == Owner.Kind.OTHER) {
            return Change.leftAlone(id, owner, source, "owned by another connectops (owner '" + owner.detail() + "'): left alone");
        }
        KeyDiff<Double> diff = KeyDiff.of(spec.quotas(), live, "", ClientQuotas::number, null);
        Map<String, Double> set = diff.writes();
        List<KeyChange> shown = diff.shown();
        if (shown.isEmpty()) {
            return Change.untouched(id, owner, source, null);
        }
        String note = switch (owner.kind()) {
            case NONE -> "set by someone else: updated as declared, never removed ('connectops adopt' hands it over)";
            case UNKNOWN -> "updated as declared; whether connectops owns it is unknown (" + owner.detail() + ")";
            default -> null;
        };
        return Change.builder(id, Action.UPDATE).keyChanges(shown).owner(owner).source(source).note(note)
                .write(new QuotaWrite(spec.entity(), set), Digests.of(KIND, spec.name(), set.toString())).build();
    }

    /** An entity's quotas, all removed (Kafka drops an entity with none left). */
    private static Change remove(ResourceId id, Live live, String key, Owner owner) {
        Map<String, Double> none = new LinkedHashMap<>();
        List<KeyChange> shown = new ArrayList<>();
        new TreeMap<>(live.quotas().get(key)).forEach((k, v) -> {
            none.put(k, null);
            shown.add(new KeyChange(k, KeyChange.Kind.REMOVED, number(v), null, false));
        });
        return Change.builder(id, Action.DELETE).keyChanges(shown).owner(owner).note("owned by connectops and no longer declared")
                .write(new QuotaWrite(live.entities().get(key), none), Digests.of(KIND, key, "delete")).build();
    }

    /** 1048576 rather than 1048576.0; fractions as they are. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public Map<String, String> apply(List<Change> changes, KafkaAdmin admin) {
        Map<ClientQuotaEntity, String> byEntity = new LinkedHashMap<>();
        List<ClientQuotaAlteration> alterations = new ArrayList<>();
        for (Change change : changes) {
            QuotaWrite write = (QuotaWrite) change.write();
            ClientQuotaEntity entity = new ClientQuotaEntity(write.entity());
            List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
            write.changes().forEach((key, value) -> ops.add(new ClientQuotaAlteration.Op(key, value)));
            alterations.add(new ClientQuotaAlteration(entity, ops));
            byEntity.put(entity, change.resource());
        }
        if (alterations.isEmpty()) {
            return Map.of();
        }
        Map<ClientQuotaEntity, String> failed = admin.write("alter client quotas", a -> a.alterClientQuotas(alterations).values());
        Map<String, String> errors = new LinkedHashMap<>();
        failed.forEach((entity, why) -> errors.put(byEntity.get(entity), why));
        awaitVisible(admin, changes, errors);
        return errors;
    }

    /**
     * Waits, bounded, until a read shows what was written (brokers learn it from the controller shortly after it
     * acknowledged): the plan right after an apply must not see the old quotas and write them again.
     */
    private void awaitVisible(KafkaAdmin admin, List<Change> changes, Map<String, String> errors) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                Live live = observe(admin);
                boolean visible = changes.stream().filter(c -> !errors.containsKey(c.resource())).allMatch(c -> {
                    Map<String, Double> now = live.quotas().getOrDefault(c.name(), Map.of());
                    return ((QuotaWrite) c.write()).changes().entrySet().stream().allMatch(e -> e.getValue() == null
                            ? !now.containsKey(e.getKey()) : e.getValue().equals(now.get(e.getKey())));
                });
                if (visible) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (RuntimeException e) {
            // A read failing here changes nothing about what was written: the next plan sees it.
        }
    }
}
