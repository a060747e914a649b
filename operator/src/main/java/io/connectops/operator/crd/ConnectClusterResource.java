package io.connectops.operator.crd;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code ConnectCluster} custom resource: where a Connect cluster's REST API is and how connectops records
 * what it owns there (docs/resources.md). Credentials come from variables (a mounted Secret as a secrets
 * directory), never written in the resource.
 */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("ConnectCluster")
@Plural("connectclusters")
public class ConnectClusterResource extends CustomResource<ConnectClusterResource.Spec, ConnectClusterResource.Status> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public String url;
        public List<String> urls;
        public Map<String, Object> auth;
        public Map<String, Object> tls;
        public Map<String, String> timeouts;
        public Map<String, Object> ownership;
        public Boolean insecureHttpAuth;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status {
        public List<Condition> conditions;
        public Long observedGeneration;
    }
}
