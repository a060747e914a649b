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
 * The {@code ConnectCluster} custom resource: where a Connect cluster's REST API is, how connectops records
 * what it owns there (docs/resources.md), its plugins (docs/plugins.md), and optionally workers the operator runs
 * (docs/workers.md). Credentials come from variables (a mounted Secret as a secrets
 * directory), never written in the resource.
 */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("ConnectCluster")
@io.fabric8.kubernetes.model.annotation.Categories("connectops")
@io.fabric8.kubernetes.model.annotation.ShortNames("cxcl")
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
        /** Connector plugins the workers have installed (docs/plugins.md). */
        public List<Plugin> plugins;
        public List<Repository> pluginRepositories;
        @io.fabric8.generator.annotation.Pattern("^[0-9]+(Ki|Mi|Gi|Ti|k|K|M|G|T)?$")
        public String pluginStorageLimit;
        /** Workers the operator runs (a Deployment, a Service, their config); without it the cluster runs elsewhere. */
        public Workers workers;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Plugin {
        @io.fabric8.generator.annotation.Required
        @io.fabric8.generator.annotation.Pattern("^[a-z0-9][a-z0-9._-]{0,62}$")
        public String name;
        public String maven;
        public String classifier;
        @io.fabric8.generator.annotation.Pattern("^(jar|zip|tar\\.gz|tgz)$")
        public String type;
        public String url;
        public String sha512;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Repository {
        @io.fabric8.generator.annotation.Required
        public String name;
        @io.fabric8.generator.annotation.Required
        public String url;
        public String username;
        /** A {@code {{ variable }}} from a labelled Secret, never the password itself. */
        public String password;
    }

    /** Distributed Connect workers run by the operator (docs/workers.md). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Workers {
        @io.fabric8.generator.annotation.Min(0)
        public Integer replicas;
        /** The worker image (it has Kafka's bin/connect-distributed.sh); default apache/kafka at connectops' Kafka version. */
        public String image;
        /** The image that runs {@code connectops plugins install} in the init container; default the operator's own. */
        public String installerImage;
        @io.fabric8.generator.annotation.Required
        public String bootstrapServers;
        /** Worker properties (group.id, internal topics, converters, config providers, client security, ...): strings, numbers, booleans. */
        public Map<String, Object> config;
        public io.fabric8.kubernetes.api.model.ResourceRequirements resources;
        /** Secrets mounted at /mnt/secrets/NAME (CFK's mountedSecrets path), for ${file:...} and ${directory:...}. */
        public List<String> mountedSecrets;
        /** Secrets with TLS material mounted at /mnt/sslcerts/NAME (CFK's path). */
        public List<String> tlsSecrets;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status {
        public List<Condition> conditions;
        public Long observedGeneration;
        /** "ready/desired" workers, from the Deployment. */
        @io.fabric8.crd.generator.annotation.PrinterColumn(name = "Workers")
        public String workers;
        /** The connector plugins as the workers' REST API lists them. */
        public List<PluginStatus> plugins;
        /** The rendered workers' hash the plugins were read for (read again when it changes). */
        public String pluginsObservedFor;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PluginStatus {
        @com.fasterxml.jackson.annotation.JsonProperty("class")
        public String className;
        public String type;
        public String version;
    }
}
