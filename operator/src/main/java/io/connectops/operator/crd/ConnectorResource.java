package io.connectops.operator.crd;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Connector} custom resource: the same document as a {@code Connector} file (docs/resources.md),
 * so its spec is read by the same loader, and a status written back by the operator. The CRD (OpenAPI
 * schema, status subresource, printer columns) is generated from this class at build time.
 */
@Group("connectops.io")
@Version("v1alpha1")
@Kind("Connector")
@io.fabric8.kubernetes.model.annotation.Categories("connectops")
@Plural("connectors")
@ShortNames("cxn")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ConnectorResource extends CustomResource<ConnectorResource.Spec, ConnectorResource.Status> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        @PrinterColumn(name = "Cluster", priority = 0)
        public String cluster;
        @Required
        @JsonProperty("class")
        public String connectorClass;
        @Min(1)
        public Integer tasksMax;
        @Pattern("^(running|paused|stopped|absent)$")
        public String state;
        /** Values are strings, numbers or booleans, as in a file (docs/resources.md): the loader refuses anything else, with the key. */
        public Map<String, Object> config;
        public RestartPolicy restartPolicy;
        public String restartToken;
        /** A one-time offsets change, acted on when {@code token} changes (docs/offsets.md). */
        public Offsets offsets;
        /** Delete (default): deleting the resource deletes the connector (when connectops owns it). */
        @Pattern("^(Delete|Orphan)$")
        public String deletionPolicy;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Offsets {
        @Required
        public String token;
        public Boolean reset;
        public List<OffsetEntry> set;
    }

    /** One partition's offset, as {@code GET /connectors/{n}/offsets} gives it; no offset resets that partition. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class OffsetEntry {
        @Required
        public Map<String, Object> partition;
        public Map<String, Object> offset;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RestartPolicy {
        @Pattern("^(OnFailure|Never)$")
        public String type;
        @Min(-1)
        public Integer maxRetries;
    }

    /** What the operator saw and did; written only when it changes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status {
        public List<Condition> conditions;
        @PrinterColumn(name = "State")
        public String connectorState;
        @PrinterColumn(name = "Tasks")
        public String tasks;
        @PrinterColumn(name = "Restarts")
        public Integer restarts;
        public Long observedGeneration;
        public String lastAppliedRevision;
        public String message;
        public List<TaskStatus> taskStatuses;
        /** The last {@code spec.offsets} change acted on: "reset (token 't2')". */
        public String lastOffsetsChange;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TaskStatus {
        public Integer id;
        public String state;
        public String workerId;
        public String trace;
    }
}
