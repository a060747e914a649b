package io.connectops.kafka;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who made which Kafka resource: one claim per topic, principal (its ACL set) and user, kept in a compacted
 * topic of that same cluster ({@link TopicClaims}). A topic cannot carry a marker the way a connector's
 * config can, so the record lives beside the resources; a claim names the cluster id it was made on, so a
 * mirrored copy of the record never makes another cluster's topics look ours.
 */
public interface ResourceClaims extends AutoCloseable {
    /**
     * One claim.
     *
     * @param resource   "topic/NAME", "acl/PRINCIPAL" or "user/NAME"
     * @param owner      the owner id of the connectops that made it
     * @param attributes what later runs need to know (a user's rotate token and password fingerprint)
     */
    record Claim(String kafkaClusterId, String resource, String owner, Map<String, String> attributes, Instant claimedAt) {
        public Claim {
            attributes = Map.copyOf(attributes);
        }
    }

    /** Every claim; throws {@link KafkaAdminException} when the record cannot be read. */
    List<Claim> read();

    /** Writes claims (replacing earlier ones of the same resource). */
    void write(Collection<Claim> claims);

    /** Releases the claims of these resources on this cluster id. */
    void release(String kafkaClusterId, Collection<String> resources);

    String describe();

    @Override
    default void close() {
    }

    static String topic(String name) {
        return "topic/" + name;
    }

    static String acl(String principal) {
        return "acl/" + principal;
    }

    static String user(String name) {
        return "user/" + name;
    }
}
