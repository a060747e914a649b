package io.connectops.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
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
 * A compacted topic used as a small key-value record (connectops' ownership claims): read whole from the
 * beginning to the end offsets, the latest value per key, within a deadline; written one record per key,
 * {@code null} for a tombstone, acknowledged by all replicas. Reading never creates the topic; the first
 * write does (compacted, one partition).
 */
public final class CompactedTopic {
    /** The latest record of one key. */
    public record Entry(String key, String value, long timestamp) {
    }

    private final String topic;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final Duration timeout;
    private final ClaimWriters writers;
    private volatile boolean exists;

    /** {@code writers}: who besides connectops may use the topic; a read fails while anyone else can (see {@link ClaimWriters}). */
    public CompactedTopic(String bootstrapServers, Map<String, String> properties, java.util.Set<String> writers, String topic, String clientId,
                          Duration timeout) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.clientProperties = AdminKafka.clientProperties(bootstrapServers, properties);
        clientProperties.put("client.id", clientId);
        clientProperties.putIfAbsent("request.timeout.ms", "10000");
        clientProperties.putIfAbsent("default.api.timeout.ms", Long.toString(timeout.toMillis()));
        this.writers = new ClaimWriters(clientProperties, writers);
    }

    public String topic() {
        return topic;
    }

    /**
     * The latest entry of every key {@code keys} accepts; empty when the topic does not exist. Fails when others than
     * connectops may read or write the topic: then no entry proves anything.
     */
    public List<Entry> read(Predicate<String> keys) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Reading must never create the topic (a broker with auto.create.topics.enable would).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // A fetch at the end of the log would otherwise wait out fetch.max.wait.ms (500 ms) for data that never comes.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        Map<String, Entry> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            exists = true; // a later write need not check it again (one client fewer)
            try (Admin admin = Admin.create(clientProperties)) {
                String untrusted = writers.problem(admin, topic, timeout);
                if (untrusted != null) {
                    throw new KafkaAdminException(untrusted);
                }
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaAdminException("reading the topic " + topic + " at " + bootstrapServers + " did not finish within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || !keys.test(record.key())) {
                        continue;
                    }
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), new Entry(record.key(), record.value(), record.timestamp()));
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaAdminException("cannot read the topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(latest.values());
    }

    /** Writes every record (a {@code null} value is a tombstone) and waits until all are acknowledged. */
    public void write(Map<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        ensureExists();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sends = new ArrayList<>();
            records.forEach((key, value) -> sends.add(producer.send(new ProducerRecord<>(topic, key, value))));
            for (Future<?> send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new KafkaAdminException("cannot write the topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while writing the topic " + topic, e);
        }
    }

    /** Creates the topic (compacted, 1 partition) when missing; checked once per instance. */
    private void ensureExists() {
        if (exists) {
            return;
        }
        try (Admin admin = Admin.create(clientProperties)) {
            if (!admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(topic)) {
                NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaAdminException("cannot create the topic " + topic + " at " + bootstrapServers + ": "
                                + AdminFutures.message(e.getCause()) + " (create it as a compacted topic, or grant CREATE on it)", e);
                    }
                }
            }
            exists = true;
        } catch (ExecutionException e) {
            throw new KafkaAdminException("cannot list topics at " + bootstrapServers + ": " + AdminFutures.message(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new KafkaAdminException("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted", e);
        }
    }
}
