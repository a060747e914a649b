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
        p.forEach((k, v) -> text.append(propertiesLine(k, v)));
        return text.toString();
    }

    /**
     * {@code key=value} as {@link java.util.Properties#load} reads it back (Connect loads its worker file that way): the
     * separators, comment marks, backslash, every line break and form feed escaped, and the leading blanks the reader
     * would skip (every blank of a key).
     */
    static String propertiesLine(String key, String value) {
        return escape(key, true) + "=" + escape(value, false) + "\n";
    }

    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        boolean leading = true;
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(key || leading ? "\\ " : " ");
                default -> out.append(c);
            }
            leading = leading && c == ' ';
        }
        return out.toString();
    }

    /**
     * One line of a connectops secrets file ({@code --secrets-dir}), which the installer reads: split at the first
     * {@code =}, trimmed, nothing unescaped (docs/secrets.md). A value that format cannot carry is refused, never
     * escaped into a different password.
     */
    static String secretsLine(String name, String value, String what) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || !value.equals(value.strip()) || value.isEmpty()) {
            throw new Unrenderable(what + " " + (value.isEmpty() ? "is empty" : "holds a line break or starts or ends with a blank")
                    + ", which the installer's secrets file cannot carry: change the password");
        }
        return name + "=" + value + "\n";
    }

    /** A ConnectCluster that cannot be rendered into workers as declared; the message says which value and why. */
    static final class Unrenderable extends RuntimeException {
        Unrenderable(String message) {
            super(message);
        }
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
