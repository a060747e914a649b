package io.connectops.model;

/**
 * A declared resource of a Kafka kind added as a plug-in (client quotas): what the loader, the offline checks and the
 * engine need to know of it whatever its kind. Its kind reads, plans and applies it (io.connectops.kinds).
 */
public interface KafkaResource {
    /** Its kind, as in documents: {@code ClientQuota}. */
    String kind();

    /** Its identity within its Kafka cluster (unique per kind): a quota's entity, {@code user=app,client-id=x}. */
    String name();

    /** The KafkaCluster it names, or null. */
    String cluster();

    /** The cluster was inferred (a foreign format's label), not declared: with one KafkaCluster, that one is used. */
    default boolean clusterIsHint() {
        return false;
    }

    /** Where it is declared. */
    SourceLocation source();

    /**
     * Its {@code spec} as policies see it (docs/policies.md): plain maps, lists, strings, longs, doubles and booleans,
     * no secret value.
     */
    default java.util.Map<String, Object> policySpec() {
        return java.util.Map.of();
    }
}
