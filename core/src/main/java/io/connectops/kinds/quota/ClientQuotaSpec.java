package io.connectops.kinds.quota;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.connectops.model.KafkaResource;
import io.connectops.model.SourceLocation;

/**
 * Kafka client quotas declared for one entity: a user, a client id, both, or the default of either.
 *
 * @param entity the entity's parts, {@code user} and/or {@code client-id}, each a name or null for the default
 * @param quotas {@code producer_byte_rate}, {@code consumer_byte_rate}, {@code request_percentage},
 *               {@code controller_mutation_rate}: the value to set
 */
public record ClientQuotaSpec(Map<String, String> entity, Map<String, Double> quotas, String cluster, boolean clusterIsHint,
                              SourceLocation source) implements KafkaResource {
    /** How Kafka and connectops name the default entity of a type. */
    public static final String DEFAULT = "<default>";

    public ClientQuotaSpec {
        entity = Collections.unmodifiableMap(new LinkedHashMap<>(entity));
        quotas = Map.copyOf(quotas);
    }

    @Override
    public String kind() {
        return ClientQuotas.KIND;
    }

    @Override
    public Map<String, Object> policySpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> names = new LinkedHashMap<>();
        entity.forEach((type, name) -> names.put(type, name == null ? DEFAULT : name));
        spec.put("entity", names);
        spec.put("quotas", new TreeMap<>(quotas));
        return spec;
    }

    /** {@code user=app,client-id=orders}, {@code user=<default>}: the entity, user first. */
    @Override
    public String name() {
        return entityKey(entity);
    }

    /** The key of an entity (null names are defaults), the same for what is declared and what is read. */
    public static String entityKey(Map<String, String> entity) {
        Map<String, String> ordered = new TreeMap<>((a, b) -> rank(a) - rank(b) != 0 ? rank(a) - rank(b) : a.compareTo(b));
        ordered.putAll(entity);
        StringBuilder key = new StringBuilder();
        ordered.forEach((type, name) -> key.append(key.length() == 0 ? "" : ",").append(type).append('=').append(name == null ? DEFAULT : name));
        return key.toString();
    }

    private static int rank(String type) {
        return switch (type) {
            case "user" -> 0;
            case "client-id" -> 1;
            default -> 2;
        };
    }
}
