package io.connectops.engine;

import io.connectops.apply.PasswordStore;
import io.connectops.kafka.AdminKafka;
import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.ResourceClaims;
import io.connectops.kafka.TopicClaims;
import io.connectops.model.Targets;

/**
 * One Kafka cluster's declared topics, ACL sets and users with the Admin client and claim record to reach it, and
 * where generated passwords are kept.
 */
public record KafkaSession(Targets.KafkaTarget target, KafkaAdmin admin, ResourceClaims claims, PasswordStore passwords)
        implements AutoCloseable {
    /** Generated passwords kept in files. */
    public KafkaSession(Targets.KafkaTarget target, KafkaAdmin admin, ResourceClaims claims) {
        this(target, admin, claims, PasswordStore.FILES);
    }

    public String name() {
        return target.name();
    }

    /** The real clients for a declared cluster: its bootstrap servers and client properties, the claims in its own topic. */
    public static KafkaSession connect(Targets.KafkaTarget target) {
        return new KafkaSession(target, new AdminKafka(target.cluster().bootstrapServers(), target.cluster().properties()),
                new TopicClaims(target.cluster().bootstrapServers(), target.cluster().properties(), target.cluster().ownershipTopic()));
    }

    @Override
    public void close() {
        admin.close();
        claims.close();
    }
}
