package io.connectops.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectops.kafka.CompactedTopic;
import io.connectops.kafka.KafkaAdminException;

/**
 * Claims in a compacted Kafka topic: key {@code ["<cluster>","<kafka cluster id>","<connector>"]} (a JSON
 * array, so no name can be mistaken for another), value a small JSON document, a tombstone when released.
 * One record per claim, so concurrent writers never overwrite each other's claims. Keys of the first
 * format ({@code <cluster>/<connector>}) are read as unbound claims.
 */
final class KafkaClaimLog implements ClaimLog {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final CompactedTopic topic;

    KafkaClaimLog(String bootstrapServers, String topic, Map<String, String> extraProperties, java.util.Set<String> writers) {
        this.bootstrapServers = bootstrapServers;
        this.topic = new CompactedTopic(bootstrapServers, extraProperties, writers, topic, "connectops-ownership", TIMEOUT);
    }

    @Override
    public List<Claim> read(String cluster) {
        List<Claim> claims = new ArrayList<>();
        try {
            for (CompactedTopic.Entry entry : topic.read(key -> {
                Key parsed = Key.parse(key);
                return parsed != null && parsed.cluster().equals(cluster);
            })) {
                Key key = Key.parse(entry.key());
                claims.add(new Claim(key.kafkaClusterId(), key.connector(), Instant.ofEpochMilli(entry.timestamp())));
            }
        } catch (KafkaAdminException e) {
            throw new OwnershipException(e.getMessage(), e);
        }
        return claims;
    }

    /** A record key: the current JSON-array form, or the first format's "cluster/connector" (unbound). */
    record Key(String cluster, String kafkaClusterId, String connector) {
        static Key parse(String text) {
            if (text == null) {
                return null;
            }
            if (text.startsWith("[")) {
                try {
                    JsonNode array = JSON.readTree(text);
                    if (array.isArray() && array.size() == 3) {
                        return new Key(array.get(0).asText(), array.get(1).asText(), array.get(2).asText());
                    }
                } catch (java.io.IOException e) {
                    return null;
                }
                return null;
            }
            int slash = text.indexOf('/');
            return slash < 0 ? null : new Key(text.substring(0, slash), null, text.substring(slash + 1));
        }

        String format() {
            ArrayNode array = JSON.createArrayNode().add(cluster).add(kafkaClusterId).add(connector);
            return array.toString();
        }
    }

    @Override
    public void write(String cluster, String kafkaClusterId, Collection<String> connectors, boolean claim) {
        Map<String, String> records = new LinkedHashMap<>();
        for (String connector : connectors) {
            String value = null;
            if (claim) {
                ObjectNode json = JSON.createObjectNode().put("owner", "connectops").put("cluster", cluster)
                        .put("kafkaClusterId", kafkaClusterId).put("connector", connector).put("claimedAt", Instant.now().toString());
                value = json.toString();
            }
            records.put(new Key(cluster, kafkaClusterId, connector).format(), value);
        }
        try {
            topic.write(records);
        } catch (KafkaAdminException e) {
            throw new OwnershipException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic.topic() + " at " + bootstrapServers;
    }
}
