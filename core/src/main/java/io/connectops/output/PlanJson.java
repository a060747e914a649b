package io.connectops.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetKind;
import io.connectops.plan.TargetPlan;

/**
 * The plan as JSON, schema in docs/plan-format.md. Built from display values only: desired configs
 * (with real secret values) are not part of it, the digest stands for them.
 */
public final class PlanJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static ObjectNode toJson(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", Plan.FORMAT_VERSION);
        root.put("createdAt", plan.createdAt().toString());
        root.put("prune", plan.prune());
        root.put("digest", plan.digest());
        ObjectNode summary = root.putObject("summary");
        summary.put("create", plan.count(Action.CREATE));
        summary.put("update", plan.count(Action.UPDATE));
        summary.put("delete", plan.count(Action.DELETE));
        summary.put("unchanged", plan.unchanged());
        summary.put("notManaged", plan.notManaged());
        summary.put("unknownOwnership", plan.unknownOwnership());
        summary.put("unreachableClusters", plan.unreachable());
        for (TargetKind kind : TargetKind.ALL) {
            ArrayNode section = root.putArray(kind.jsonSection());
            plan.of(kind).forEach(target -> target(section.addObject(), target, plan.prune()));
        }
        return root;
    }

    /** One target, in the shape docs/cli.md documents (Connect clusters and Kafka clusters alike, plus each one's address). */
    private static void target(ObjectNode t, TargetPlan target, boolean prune) {
        TargetKind kind = target.kind();
        t.put("name", target.name());
        if (kind.addressList()) {
            ArrayNode addresses = t.putArray(kind.jsonAddress());
            target.addresses().forEach(addresses::add);
        } else {
            t.put(kind.jsonAddress(), String.join(",", target.addresses()));
        }
        if (target.clusterId() != null) {
            t.put("clusterId", target.clusterId());
        }
        t.put("error", target.error());
        t.put("liveFingerprint", target.liveFingerprint());
        t.put("bulkReadFallback", target.bulkReadFallback());
        t.put("ownedCount", target.ownedCount());
        ArrayNode problems = t.putArray("problems");
        target.problems().forEach(problems::add);
        ArrayNode unmanaged = t.putArray("unmanaged");
        target.unmanaged().forEach(unmanaged::add);
        t.put("ownershipProblem", target.ownershipProblem());
        ArrayNode unknown = t.putArray("ownershipUnknown");
        target.ownershipUnknown().forEach(unknown::add);
        t.put("pruneRefused", target.pruneRefused(prune));
        ArrayNode changes = t.putArray("changes");
        for (Change change : target.changes()) {
            ObjectNode ch = changes.addObject();
            if (change.kind().equals(kind.primaryKind())) {
                ch.put(change.kind().toLowerCase(Locale.ROOT), change.name()); // "connector": the name, as format 1 had it
            }
            ch.put("kind", change.kind());
            ch.put("name", change.name());
            ch.put("action", change.action().name().toLowerCase(Locale.ROOT));
            ch.put("source", change.source());
            ch.put("owned", change.owned());
            ch.put("owner", change.owner().label());
            if (change.note() != null) {
                ch.put("note", change.note());
            }
            if (change.desiredState() != null) {
                ch.put("desiredState", change.desiredState().yamlName());
            }
            keys(ch.putArray(kind.jsonKeys()), change.keyChanges());
            if (change.state() != null && change.state().to() != null) {
                ObjectNode state = ch.putObject("state");
                state.put("from", change.state().from() == null ? null : change.state().from().yamlName());
                state.put("to", change.state().to().yamlName());
            }
        }
    }

    private static void keys(ArrayNode into, java.util.List<KeyChange> changes) {
        for (KeyChange k : changes) {
            ObjectNode key = into.addObject();
            key.put("key", k.key());
            key.put("change", k.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (k.before() != null) {
                key.put("before", k.before());
            }
            if (k.after() != null) {
                key.put("after", k.after());
            }
            key.put("sensitive", k.sensitive());
        }
    }

    /** The digest and per-target fingerprints (keyed like {@link TargetPlan#key()}) of a saved plan, to compare with a fresh one. */
    public record Saved(String digest, java.util.Map<String, String> fingerprints, boolean prune) {
    }

    public static Saved readSaved(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.path("formatVersion").asInt() != Plan.FORMAT_VERSION || !root.hasNonNull("digest")) {
                throw new IllegalArgumentException(file + " is not a connectops plan (format " + Plan.FORMAT_VERSION
                        + "): write one with 'connectops plan --out " + file + "'");
            }
            java.util.Map<String, String> fingerprints = new java.util.LinkedHashMap<>();
            for (TargetKind kind : TargetKind.ALL) {
                root.path(kind.jsonSection()).forEach(c -> fingerprints.put(kind.key(c.path("name").asText()),
                        c.path("liveFingerprint").asText(null)));
            }
            return new Saved(root.path("digest").asText(), fingerprints, root.path("prune").asBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plan " + file + ": " + e.getMessage(), e);
        }
    }
}
