package io.connectops.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import io.connectops.model.PluginsSpec;
import io.connectops.operator.crd.ConnectClusterResource;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * What the workers read: their {@code connect-distributed.properties} (connectops' defaults for a worker on Kubernetes,
 * then the declared ones over them) and the plugins document the installer reads, with repository passwords as
 * variables of a Secret rather than in the document.
 */
final class WorkerConfig {
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML = new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    private WorkerConfig() {
    }

    /** The worker properties: connectops' defaults for a Kubernetes worker, then the declared ones over them. */
    static String properties(ConnectClusterResource cluster, ConnectClusterResource.Workers workers) {
        String name = cluster.getMetadata().getName();
        Map<String, String> p = new TreeMap<>();
        p.put("bootstrap.servers", workers.bootstrapServers);
        p.put("group.id", cluster.getMetadata().getNamespace() + "." + name);
        p.put("config.storage.topic", name + "-configs");
        p.put("offset.storage.topic", name + "-offsets");
        p.put("status.storage.topic", name + "-status");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("listeners", "http://0.0.0.0:" + WorkerRenderer.REST_PORT);
        // Each worker is reached by the others at its pod's address, given by the environment.
        p.put("rest.advertised.host.name", "${env:POD_IP}");
        p.put("rest.advertised.port", Integer.toString(WorkerRenderer.REST_PORT));
        p.put("plugin.path", WorkerRenderer.PLUGIN_PATH);
        p.put("plugin.discovery", "hybrid_warn");
        p.put("config.providers", "env,file,directory");
        p.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        p.put("config.providers.directory.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        if (workers.config != null) {
            workers.config.forEach((key, value) -> p.put(key, String.valueOf(value)));
        }
        StringBuilder text = new StringBuilder("# Rendered by connectops from ConnectCluster " + cluster.getMetadata().getNamespace() + "/"
                + name + ": edit the ConnectCluster, not this.\n");
        p.forEach((k, v) -> text.append(escape(k)).append('=').append(escape(v)).append('\n'));
        return text.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The ConnectCluster document the init container installs from: only its plugins (resolved: passwords filled in). */
    static String pluginsDocument(ConnectClusterResource cluster, PluginsSpec plugins) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("url", "http://localhost:" + WorkerRenderer.REST_PORT);
        if (plugins.storageLimit() > 0) {
            spec.put("pluginStorageLimit", Long.toString(plugins.storageLimit()));
        }
        if (!plugins.repositories().isEmpty()) {
            spec.put("pluginRepositories", plugins.repositories().stream().map(r -> {
                Map<String, Object> repo = new LinkedHashMap<>();
                repo.put("name", r.name());
                repo.put("url", r.url());
                if (r.username() != null) {
                    repo.put("username", r.username());
                    repo.put("password", "{{ " + passwordVariable(r) + " }}");
                }
                return repo;
            }).toList());
        }
        spec.put("plugins", plugins.plugins().stream().map(p -> {
            Map<String, Object> plugin = new LinkedHashMap<>();
            plugin.put("name", p.name());
            if (p.maven() != null) {
                plugin.put("maven", p.maven().group() + ":" + p.maven().artifact() + ":" + p.maven().version());
                if (p.maven().classifier() != null) {
                    plugin.put("classifier", p.maven().classifier());
                }
                plugin.put("type", p.maven().type());
            } else {
                plugin.put("url", p.url());
            }
            if (p.sha512() != null) {
                plugin.put("sha512", p.sha512());
            }
            return plugin;
        }).toList());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "connectops.io/v1alpha1");
        doc.put("kind", "ConnectCluster");
        doc.put("metadata", Map.of("name", cluster.getMetadata().getName()));
        doc.put("spec", spec);
        try {
            return YAML.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String passwordVariable(PluginsSpec.Repository repository) {
        return "plugins.repository." + repository.name() + ".password";
    }
}
