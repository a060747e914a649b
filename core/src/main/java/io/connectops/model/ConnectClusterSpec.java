package io.connectops.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A declared Connect cluster: where its REST API is, how to authenticate, where connectops keeps
 * its record of the connectors it owns there, and the plugins its workers have installed.
 */
public record ConnectClusterSpec(String name, List<URI> urls, Auth auth, Tls tls, Duration connectTimeout,
                                 Duration requestTimeout, Ownership ownership, SourceLocation source, PluginsSpec plugins) {
    /** The name used when no ConnectCluster is declared and --connect-url is given. */
    public static final String DEFAULT_NAME = "default";

    public ConnectClusterSpec {
        urls = List.copyOf(urls);
        plugins = plugins == null ? PluginsSpec.NONE : plugins;
    }

    /** A cluster whose plugins connectops does not install. */
    public ConnectClusterSpec(String name, List<URI> urls, Auth auth, Tls tls, Duration connectTimeout, Duration requestTimeout,
                              Ownership ownership, SourceLocation source) {
        this(name, urls, auth, tls, connectTimeout, requestTimeout, ownership, source, PluginsSpec.NONE);
    }

    /** Basic auth or a bearer token; values may come from variables or secrets. Never printed. */
    public record Auth(String username, String password, String bearerToken) {
        @Override
        public String toString() {
            return "Auth[" + (bearerToken != null ? "bearer" : "basic " + username) + ", (sensitive)]";
        }
    }

    /**
     * TLS for https: a truststore or a PEM CA file to trust the server, and a keystore or PEM
     * certificate + key for mutual TLS.
     */
    public record Tls(String truststore, String truststorePassword, String truststoreType,
                      String keystore, String keystorePassword, String keystoreType,
                      String caPem, String certPem, String keyPem) {
        @Override
        public String toString() {
            return "Tls[truststore=" + truststore + ", keystore=" + keystore + ", caPem=" + caPem + ", certPem=" + certPem + "]";
        }
    }

    /**
     * Where the ownership record lives: by default a marker key in each connector's config (owner id
     * {@code owner}, default "connectops"); or a compacted Kafka topic (bootstrap servers, or a declared
     * {@code kafkaCluster} to take them and its client properties from); or a local JSON file.
     */
    public record Ownership(String owner, String bootstrapServers, String topic, Map<String, String> kafkaProperties, String file,
                            String kafkaCluster, java.util.Set<String> writers) {
        public static final String DEFAULT_TOPIC = "_connectops-ownership";

        public Ownership {
            writers = java.util.Set.copyOf(writers);
        }

        public Ownership(String owner, String bootstrapServers, String topic, Map<String, String> kafkaProperties, String file) {
            this(owner, bootstrapServers, topic, kafkaProperties, file, null, java.util.Set.of());
        }

        /** The Kafka store of a declared KafkaCluster ({@code spec.ownership.kafkaCluster}): its address and client properties. */
        public Ownership in(KafkaClusterSpec cluster) {
            return new Ownership(owner, cluster.bootstrapServers(), topic == null ? cluster.ownershipTopic() : topic, cluster.properties(),
                    null, cluster.name(), cluster.ownershipWriters());
        }

        @Override
        public String toString() {
            return "Ownership[owner=" + owner + ", bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", file=" + file
                    + ", kafkaCluster=" + kafkaCluster + ", " + kafkaProperties.size() + " properties (not shown)]";
        }

        public boolean usesKafka() {
            return bootstrapServers != null;
        }
    }
}
