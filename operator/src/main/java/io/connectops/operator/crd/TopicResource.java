package io.connectops.operator.crd;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The {@code Topic} custom resource (docs/kafka.md): partitions grow only, the replication factor is not changed. */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("Topic")
@io.fabric8.kubernetes.model.annotation.Categories("connectops")
@io.fabric8.kubernetes.model.annotation.ShortNames("cxtopic")
@Plural("topics")
public class TopicResource extends CustomResource<TopicResource.Spec, ConditionsStatus> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        @PrinterColumn(name = "Cluster")
        public String cluster;
        @PrinterColumn(name = "Partitions")
        @Min(1)
        public Integer partitions;
        @Min(1)
        public Integer replicationFactor;
        /** Values are strings, numbers or booleans, as in a file (docs/resources.md): the loader refuses anything else, with the key. */
        public Map<String, Object> config;
        /** Delete (default): deleting the resource deletes the topic (when connectops owns it); Orphan leaves it, unclaimed. */
        @io.fabric8.generator.annotation.Pattern("^(Delete|Orphan)$")
        public String deletionPolicy;
    }
}
