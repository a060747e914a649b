package io.connectops.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * The ownership record in a compacted Kafka topic beside the Connect cluster: key
 * {@code <cluster>/<connector>}, value a small JSON document, a tombstone when released. Durable,
 * shared by every CI job and controller that reaches the brokers, and readable with any Kafka tool.
 */
public final class KafkaOwnershipStore implements OwnershipStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapServers;
    private final String topic;
    private final String cluster;
    private final Map<String, Object> clientProperties;

    public KafkaOwnershipStore(String bootstrapServers, String topic, String cluster, Map<String, String> extraProperties) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.cluster = cluster;
        this.clientProperties = new HashMap<>(extraProperties);
        clientProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        clientProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        clientProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        clientProperties.put("client.id", "connectops-ownership");
    }

    @Override
    public Set<String> owned() {
        ensureTopic();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Set<String> owned = new TreeSet<>();
        String prefix = cluster + "/";
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
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue;
                    }
                    String connector = record.key().substring(prefix.length());
                    if (record.value() == null) {
                        owned.remove(connector);
                    } else {
                        owned.add(connector);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new OwnershipException("cannot read the ownership topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        return owned;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
    }

    @Override
    public void claim(Collection<String> connectors) {
        write(connectors, true);
    }

    @Override
    public void release(Collection<String> connectors) {
        write(connectors, false);
    }

    private void write(Collection<String> connectors, boolean claim) {
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
            List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
            for (String connector : connectors) {
                String value = claim ? "{\"owner\":\"connectops\",\"cluster\":\"" + jsonEscape(cluster) + "\",\"connector\":\""
                        + jsonEscape(connector) + "\",\"claimedAt\":\"" + Instant.now() + "\"}" : null;
                sends.add(producer.send(new ProducerRecord<>(topic, cluster + "/" + connector, value)));
            }
            for (var send : sends) {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new OwnershipException("cannot write the ownership topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnershipException("interrupted while writing the ownership topic", e);
        }
    }

    private volatile boolean topicChecked;

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

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic + " at " + bootstrapServers;
    }

    @Override
    public void close() {
    }
}
