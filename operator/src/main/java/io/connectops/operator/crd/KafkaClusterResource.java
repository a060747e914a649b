package io.connectops.operator.crd;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The {@code KafkaCluster} custom resource (docs/kafka.md): a Kafka cluster's address and client settings. */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("KafkaCluster")
@io.fabric8.kubernetes.model.annotation.Categories("connectops")
@io.fabric8.kubernetes.model.annotation.ShortNames("cxkafka")
@Plural("kafkaclusters")
public class KafkaClusterResource extends CustomResource<KafkaClusterResource.Spec, ConditionsStatus> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        @Required
        public String bootstrapServers;
        /** Values are strings, numbers or booleans, as in a file (docs/resources.md): the loader refuses anything else, with the key. */
        public Map<String, Object> properties;
        public Map<String, Object> sasl;
        public Ownership ownership;
        public List<String> protectedTopics;
    }

    /** Who owns what connectops makes here, where the claims live, and who besides connectops may use that topic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Ownership {
        public String owner;
        public String topic;
        /** Principals (Type:name) besides connectops' own SASL user that may read and write the ownership topic. */
        public List<String> writers;
    }
}
