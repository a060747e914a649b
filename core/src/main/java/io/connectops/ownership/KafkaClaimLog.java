package io.connectops.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

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
    private final String topic;
    private final Map<String, Object> clientProperties;
    private volatile boolean topicChecked;

    KafkaClaimLog(String bootstrapServers, String topic, Map<String, String> extraProperties) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clientProperties = new HashMap<>(extraProperties);
        clientProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        clientProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        clientProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        clientProperties.put("client.id", "connectops-ownership");
    }

    @Override
    public List<Claim> read(String cluster) {
        ensureTopic();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A fetch at the end of the log would otherwise wait out fetch.max.wait.ms (500 ms) for data that never comes.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        // (id or "", connector) -> claim; later records replace earlier ones, tombstones remove them.
        Map<List<String>, Claim> claims = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new OwnershipException("reading the ownership topic " + topic + " at " + bootstrapServers
                            + " did not finish within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Key key = Key.parse(record.key());
                    if (key == null || !key.cluster().equals(cluster)) {
                        continue;
                    }
                    List<String> id = List.of(key.kafkaClusterId() == null ? "" : key.kafkaClusterId(), key.connector());
                    if (record.value() == null) {
                        claims.remove(id);
                    } else {
                        claims.put(id, new Claim(key.kafkaClusterId(), key.connector(), Instant.ofEpochMilli(record.timestamp())));
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new OwnershipException("cannot read the ownership topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(claims.values());
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

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
    }

    @Override
    public void write(String cluster, String kafkaClusterId, Collection<String> connectors, boolean claim) {
        if (connectors.isEmpty()) {
            return;
        }
        ensureTopic();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sends = new ArrayList<>();
            for (String connector : connectors) {
                String value = null;
                if (claim) {
                    ObjectNode json = JSON.createObjectNode().put("owner", "connectops").put("cluster", cluster)
                            .put("kafkaClusterId", kafkaClusterId).put("connector", connector).put("claimedAt", Instant.now().toString());
                    value = json.toString();
                }
                sends.add(producer.send(new ProducerRecord<>(topic, new Key(cluster, kafkaClusterId, connector).format(), value)));
            }
            for (Future<?> send : sends) {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new OwnershipException("cannot write the ownership topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnershipException("interrupted while writing the ownership topic", e);
        }
    }

    private void ensureTopic() {
        if (topicChecked) {
            return;
        }
        try (Admin admin = Admin.create(clientProperties)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new OwnershipException("cannot create the ownership topic " + topic + " at " + bootstrapServers + ": "
                            + e.getCause().getMessage() + " (create it as a compacted topic, or grant CREATE on it)", e);
                }
            }
            topicChecked = true;
        } catch (TimeoutException e) {
            throw new OwnershipException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds()
                    + " s while checking the ownership topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnershipException("interrupted", e);
        }
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic + " at " + bootstrapServers;
    }
}
