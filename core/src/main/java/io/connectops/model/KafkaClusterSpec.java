package io.connectops.model;

import java.util.Map;
import java.util.Set;

/**
 * A declared Kafka cluster, reached through the Admin API: bootstrap servers and client properties
 * (SASL, TLS), values possibly from secret variables. Topics, ACLs and users name it; a ConnectCluster's
 * Kafka ownership store may refer to it.
 *
 * @param properties       client properties as the Kafka clients take them (real values: never printed)
 * @param owner            the owner id written in the claims of what connectops creates here (default "connectops")
 * @param ownershipTopic   the compacted topic, in this cluster, that holds those claims
 * @param protectedTopics  names or prefixes (ending in '*') never deleted, beside the built-in ones
 * @param ownershipWriters principals besides connectops' own SASL user that may read and write the ownership topic
 */
public record KafkaClusterSpec(String name, String bootstrapServers, Map<String, String> properties, String owner,
                               String ownershipTopic, Set<String> protectedTopics, Set<String> ownershipWriters, SourceLocation source) {
    public static final String DEFAULT_NAME = "default";
    public static final String DEFAULT_OWNER = "connectops";

    public KafkaClusterSpec {
        properties = Map.copyOf(properties);
        protectedTopics = Set.copyOf(protectedTopics);
        ownershipWriters = Set.copyOf(ownershipWriters);
        owner = owner == null ? DEFAULT_OWNER : owner;
        ownershipTopic = ownershipTopic == null ? ConnectClusterSpec.Ownership.DEFAULT_TOPIC : ownershipTopic;
    }

    public KafkaClusterSpec(String name, String bootstrapServers, Map<String, String> properties, String owner, String ownershipTopic,
                            Set<String> protectedTopics, SourceLocation source) {
        this(name, bootstrapServers, properties, owner, ownershipTopic, protectedTopics, Set.of(), source);
    }

    @Override
    public String toString() {
        return "KafkaClusterSpec[" + name + " " + bootstrapServers + ", " + properties.size() + " properties (not shown)]";
    }
}
