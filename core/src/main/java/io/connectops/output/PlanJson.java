package io.connectops.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectops.plan.Action;
import io.connectops.plan.ClusterPlan;
import io.connectops.plan.ConnectorChange;
import io.connectops.plan.KafkaChange;
import io.connectops.plan.KafkaPlan;
import io.connectops.plan.KeyChange;
import io.connectops.plan.Plan;

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
        ArrayNode clusters = root.putArray("clusters");
        for (ClusterPlan cluster : plan.clusters()) {
            ObjectNode c = clusters.addObject();
            c.put("name", cluster.cluster());
            ArrayNode urls = c.putArray("urls");
            cluster.urls().forEach(u -> urls.add(u.toString()));
            c.put("error", cluster.error());
            c.put("liveFingerprint", cluster.liveFingerprint());
            c.put("bulkReadFallback", cluster.bulkReadFallback());
            c.put("ownedCount", cluster.ownedCount());
            ArrayNode unmanaged = c.putArray("unmanaged");
            cluster.unmanaged().forEach(unmanaged::add);
            c.put("ownershipProblem", cluster.ownershipProblem());
            ArrayNode unknown = c.putArray("ownershipUnknown");
            cluster.ownershipUnknown().forEach(unknown::add);
            c.put("pruneRefused", cluster.pruneRefused(plan.prune()));
            ArrayNode changes = c.putArray("changes");
            for (ConnectorChange change : cluster.changes()) {
                ObjectNode ch = changes.addObject();
                ch.put("connector", change.connector());
                ch.put("action", change.action().name().toLowerCase(java.util.Locale.ROOT));
                ch.put("source", change.source());
                ch.put("owned", change.owned());
                ch.put("owner", change.owner().label());
                if (change.note() != null) {
                    ch.put("note", change.note());
                }
                if (change.desiredState() != null) {
                    ch.put("desiredState", change.desiredState().yamlName());
                }
                keys(ch.putArray("config"), change.configChanges());
                if (change.stateTo() != null) {
                    ObjectNode state = ch.putObject("state");
                    state.put("from", change.stateFrom() == null ? null : change.stateFrom().yamlName());
                    state.put("to", change.stateTo().yamlName());
                }
            }
        }
        ArrayNode kafkaClusters = root.putArray("kafkaClusters");
        for (KafkaPlan kafka : plan.kafka()) {
            ObjectNode k = kafkaClusters.addObject();
            k.put("name", kafka.cluster());
            k.put("bootstrapServers", kafka.bootstrapServers());
            k.put("clusterId", kafka.clusterId());
            k.put("error", kafka.error());
            k.put("liveFingerprint", kafka.liveFingerprint());
            k.put("ownedCount", kafka.ownedCount());
            ArrayNode problems = k.putArray("problems");
            kafka.problems().forEach(problems::add);
            ArrayNode unmanaged = k.putArray("unmanaged");
            kafka.unmanaged().forEach(unmanaged::add);
            ArrayNode unknown = k.putArray("ownershipUnknown");
            kafka.ownershipUnknown().forEach(unknown::add);
            k.put("pruneRefused", kafka.pruneRefused(plan.prune()));
            ArrayNode changes = k.putArray("changes");
            for (KafkaChange change : kafka.changes()) {
                ObjectNode ch = changes.addObject();
                ch.put("kind", change.kind());
                ch.put("name", change.name());
                ch.put("action", change.action().name().toLowerCase(java.util.Locale.ROOT));
                ch.put("source", change.source());
                ch.put("owner", change.owner().label());
                if (change.note() != null) {
                    ch.put("note", change.note());
                }
                keys(ch.putArray("changes"), change.keyChanges());
            }
        }
        return root;
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

    /** The digest and per-cluster fingerprints of a saved plan, to compare with a fresh one. */
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
            root.path("clusters").forEach(c -> fingerprints.put(c.path("name").asText(), c.path("liveFingerprint").asText(null)));
            root.path("kafkaClusters").forEach(c -> fingerprints.put("kafka:" + c.path("name").asText(), c.path("liveFingerprint").asText(null)));
            return new Saved(root.path("digest").asText(), fingerprints, root.path("prune").asBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plan " + file + ": " + e.getMessage(), e);
        }
    }
}
