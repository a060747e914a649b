package io.connectops.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link ResourceClaims} in a compacted topic of the managed cluster (by default
 * {@code _connectops-ownership}, which connectops shares with the Connect claim log: keys differ). Key
 * {@code ["kafka-resource","<cluster id>","<resource>"]}, value a small JSON document, a tombstone when
 * released.
 */
public final class TopicClaims implements ResourceClaims {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_TAG = "kafka-resource";
    /** A claim value is small; anything larger is not ours and is skipped. */
    private static final int MAX_VALUE = 16 * 1024;

    private final CompactedTopic topic;

    public TopicClaims(String bootstrapServers, Map<String, String> properties, java.util.Set<String> writers, String topic) {
        this.topic = new CompactedTopic(bootstrapServers, properties, writers, topic, "connectops-claims", TIMEOUT);
    }

    @Override
    public List<Claim> read() {
        List<Claim> claims = new ArrayList<>();
        for (CompactedTopic.Entry entry : topic.read(key -> key.startsWith("[\"" + KEY_TAG + "\""))) {
            List<String> key = key(entry.key());
            Claim claim = key == null ? null : claim(key, entry.value(), entry.timestamp());
            if (claim != null) {
                claims.add(claim);
            }
        }
        return claims;
    }

    private static List<String> key(String text) {
        try {
            JsonNode array = JSON.readTree(text);
            return array.isArray() && array.size() == 3 ? List.of(array.get(1).asText(), array.get(2).asText()) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Claim claim(List<String> key, String value, long timestamp) {
        if (value.length() > MAX_VALUE) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(value);
            Map<String, String> attributes = new HashMap<>();
            json.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
            return new Claim(key.get(0), key.get(1), json.path("owner").asText(""), attributes, Instant.ofEpochMilli(timestamp));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String key(String kafkaClusterId, String resource) {
        return JSON.createArrayNode().add(KEY_TAG).add(kafkaClusterId).add(resource).toString();
    }

    @Override
    public void write(Collection<Claim> claims) {
        Map<String, String> records = new LinkedHashMap<>();
        for (Claim claim : claims) {
            ObjectNode value = JSON.createObjectNode().put("owner", claim.owner()).put("resource", claim.resource())
                    .put("claimedAt", Instant.now().toString());
            ObjectNode attributes = value.putObject("attributes");
            claim.attributes().forEach(attributes::put);
            records.put(key(claim.kafkaClusterId(), claim.resource()), value.toString());
        }
        topic.write(records);
    }

    @Override
    public void release(String kafkaClusterId, Collection<String> resources) {
        Map<String, String> records = new LinkedHashMap<>();
        resources.forEach(r -> records.put(key(kafkaClusterId, r), null));
        topic.write(records);
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic.topic();
    }
}
