package io.connectops.operator;

import java.util.List;

/** A kind of another tool, read by connectops' loader as it is. */
public record ForeignKind(String apiVersion, String kind, String plural) {
    /** Where the API server serves it (no discovery call needed). */
    io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context() {
        return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.substring(0, apiVersion.indexOf('/'))).withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1))
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** {@code cfk}: CFK's Connector and KafkaTopic; {@code strimzi}: KafkaConnector, KafkaTopic, KafkaUser. */
    public static List<ForeignKind> of(String tool) {
        return switch (tool) {
            case "cfk" -> List.of(new ForeignKind("platform.confluent.io/v1beta1", "Connector", "connectors"),
                    new ForeignKind("platform.confluent.io/v1beta1", "KafkaTopic", "kafkatopics"));
            case "strimzi" -> List.of(new ForeignKind("kafka.strimzi.io/v1beta2", "KafkaConnector", "kafkaconnectors"),
                    new ForeignKind("kafka.strimzi.io/v1beta2", "KafkaTopic", "kafkatopics"),
                    new ForeignKind("kafka.strimzi.io/v1beta2", "KafkaUser", "kafkausers"));
            default -> throw new IllegalArgumentException("unknown --watch '" + tool + "': cfk or strimzi");
        };
    }
}
