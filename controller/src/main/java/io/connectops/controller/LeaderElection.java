package io.connectops.controller;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through an engine that already exists: a Kafka consumer group on a one-partition
 * topic. Every controller joins the group; the one the group coordinator assigns the partition to is
 * the leader. A leader that dies stops heartbeating and loses the partition after the session
 * timeout ({@value #SESSION_TIMEOUT_MS} ms), a leader that stops cleanly leaves at once; a cooperative
 * sticky assignor keeps the leader when a standby joins. Nothing is ever consumed.
 *
 * <p>The window where a partitioned-off old leader still believes it leads is bounded by the session
 * timeout, as with Kafka Connect's own workers; connectops' writes are idempotent, which keeps such
 * an overlap harmless.
 */
public final class LeaderElection implements Leadership {
    static final int SESSION_TIMEOUT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final String bootstrapServers;
    private final String topic;
    private final String group;
    private final Map<String, String> properties;
    private final Runnable onChange;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    /**
     * Until when this member may act as leader without hearing from the group again: the last heartbeat
     * plus the session timeout, less a margin. A member cut off from the brokers stops acting before the
     * group gives its partition to another one, even while its own poll loop has not noticed yet.
     */
    private volatile long leaseUntilNanos;
    private static final long LEASE_MARGIN_MS = 3_000;

    public LeaderElection(String bootstrapServers, String group, Map<String, String> properties, Runnable onChange) {
        this.bootstrapServers = bootstrapServers;
        this.group = group;
        this.topic = "_connectops-leader-" + group;
        this.properties = Map.copyOf(properties);
        this.onChange = onChange;
    }

    @Override
    public boolean isLeader() {
        return leader.get() && System.nanoTime() < leaseUntilNanos;
    }

    /** The election is running: a dead election thread makes the process unready, never a silent standby. */
    @Override
    public boolean alive() {
        return thread != null && thread.isAlive() && !closed.get();
    }

    @Override
    public String describe() {
        return "consumer group '" + group + "' on topic " + topic + " at " + bootstrapServers + " (member " + id + ")";
    }

    public void start() {
        createTopic();
        Properties config = new Properties();
        config.putAll(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "connectops-controller-" + id);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(config);
        thread = new Thread(this::run, "connectops-leader-election");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        set(false);
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        set(true);
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    set(false);
                }
            });
            while (!closed.get()) {
                consumer.poll(Duration.ofMillis(500));
                renewLease();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("leader election stopped: {}", e.getMessage());
        } finally {
            set(false);
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** From the consumer's own heartbeat metric, read on the thread that owns the consumer. */
    private void renewLease() {
        double secondsAgo = Double.NaN;
        for (var metric : consumer.metrics().entrySet()) {
            if (metric.getKey().name().equals("last-heartbeat-seconds-ago")) {
                Object value = metric.getValue().metricValue();
                if (value instanceof Number number) {
                    secondsAgo = number.doubleValue();
                }
                break;
            }
        }
        long sinceHeartbeatMs = Double.isNaN(secondsAgo) || secondsAgo < 0 ? 0 : (long) (secondsAgo * 1000);
        long validMs = SESSION_TIMEOUT_MS - LEASE_MARGIN_MS - sinceHeartbeatMs;
        leaseUntilNanos = System.nanoTime() + Math.max(0, validMs) * 1_000_000L;
    }

    private void set(boolean isLeader) {
        if (isLeader) {
            renewLease();
        }
        if (leader.getAndSet(isLeader) != isLeader) {
            LOG.info("{} {}", isLeader ? "leading:" : "standing by:", describe());
            onChange.run();
        }
    }

    private void createTopic() {
        Properties config = new Properties();
        config.putAll(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("leader election: cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("leader election: no answer from Kafka at " + bootstrapServers + " in 30 s", e);
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true) || consumer == null) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
