package io.connectops.kafka;

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
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
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
 * {@link ResourceClaims} in a compacted topic of the managed cluster (by default
 * {@code _connectops-ownership}, which connectops shares with the Connect claim log: keys differ). Key
 * {@code ["kafka-resource","<cluster id>","<resource>"]}, value a small JSON document, a tombstone when
 * released. Read from the beginning to the end offsets within {@link #TIMEOUT}.
 */
public final class TopicClaims implements ResourceClaims {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_TAG = "kafka-resource";
    /** A claim value is small; anything larger is not ours and is skipped. */
    private static final int MAX_VALUE = 16 * 1024;

    private final String topic;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private volatile boolean topicChecked;

    public TopicClaims(String bootstrapServers, Map<String, String> properties, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clientProperties = AdminKafka.clientProperties(bootstrapServers, properties);
        clientProperties.put("client.id", "connectops-claims");
        clientProperties.putIfAbsent("request.timeout.ms", "10000");
        clientProperties.putIfAbsent("default.api.timeout.ms", Long.toString(TIMEOUT.toMillis()));
    }

    @Override
    public List<Claim> read() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Reading must never create the topic (a broker with auto.create.topics.enable would, as a plain one).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // A fetch at the end of the log would otherwise wait out fetch.max.wait.ms (500 ms) for data that never comes.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        Map<List<String>, Claim> claims = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return List.of(); // no record yet: nothing was ever claimed on this cluster
            }
            topicChecked = true; // a later write need not check it again (one client fewer)
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaAdminException("reading the ownership topic " + topic + " did not finish within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    List<String> key = key(record.key());
                    if (key == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        claims.remove(key);
                        continue;
                    }
                    Claim claim = claim(key, record.value(), record.timestamp());
                    if (claim != null) {
                        claims.put(key, claim);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaAdminException("cannot read the ownership topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(claims.values());
    }

    private static List<String> key(String text) {
        if (text == null || !text.startsWith("[\"" + KEY_TAG + "\"")) {
            return null;
        }
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

    @Override
    public void write(Collection<Claim> claims) {
        Map<String, String> records = new LinkedHashMap<>();
        for (Claim claim : claims) {
            ObjectNode value = JSON.createObjectNode().put("owner", claim.owner()).put("resource", claim.resource())
                    .put("claimedAt", Instant.now().toString());
            ObjectNode attributes = value.putObject("attributes");
            claim.attributes().forEach(attributes::put);
            records.put(JSON.createArrayNode().add(KEY_TAG).add(claim.kafkaClusterId()).add(claim.resource()).toString(), value.toString());
        }
        send(records);
    }

    @Override
    public void release(String kafkaClusterId, Collection<String> resources) {
        Map<String, String> records = new LinkedHashMap<>();
        resources.forEach(r -> records.put(JSON.createArrayNode().add(KEY_TAG).add(kafkaClusterId).add(r).toString(), null));
        send(records);
    }

    private void send(Map<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        ensureTopic(true);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sends = new ArrayList<>();
            records.forEach((key, value) -> sends.add(producer.send(new ProducerRecord<>(topic, key, value))));
            for (Future<?> send : sends) {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new KafkaAdminException("cannot write the ownership topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while writing the ownership topic", e);
        }
    }

    /** Creates the topic (compacted, 1 partition) when missing; once per instance. */
    private boolean ensureTopic(boolean create) {
        if (topicChecked) {
            return true;
        }
        try (Admin admin = Admin.create(clientProperties)) {
            boolean exists = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic);
            if (!exists && create) {
                org.apache.kafka.clients.admin.NewTopic newTopic = new org.apache.kafka.clients.admin.NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaAdminException("cannot create the ownership topic " + topic + ": " + AdminKafka.message(e.getCause())
                                + " (create it as a compacted topic, or grant CREATE on it)", e);
                    }
                }
                exists = true;
            }
            topicChecked = exists;
            return exists;
        } catch (ExecutionException e) {
            throw new KafkaAdminException("cannot list topics at " + bootstrapServers + ": " + AdminKafka.message(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new KafkaAdminException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted", e);
        }
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic;
    }
}
