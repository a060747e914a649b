package io.connectops.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of a dev-stack Connect worker. Every worker of one stack shares the group and the
 * storage topics; only the REST port differs. Values chosen for a fast, small, local cluster.
 */
public final class WorkerSettings {
    public static final String GROUP_ID = "connectops-dev";

    private WorkerSettings() {
    }

    /** A worker of a broker that needs client properties (SASL): set for the worker and each of its clients. */
    public static Map<String, String> forWorker(String bootstrapServers, int restPort, Map<String, String> clientProperties) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(forWorker(bootstrapServers, restPort));
        clientProperties.forEach((key, value) -> {
            settings.put(key, value);
            settings.put("producer." + key, value);
            settings.put("consumer." + key, value);
            settings.put("admin." + key, value);
        });
        return settings;
    }

    /**
     * Settings that load plugins from {@code pluginPath} in isolated class loaders, as real workers do, with the
     * discovery mode that also finds plugins without ServiceLoader manifests (it scans: slower to start).
     */
    public static Map<String, String> withPlugins(Map<String, String> settings, java.nio.file.Path pluginPath) {
        Map<String, String> p = new LinkedHashMap<>(settings);
        p.put("plugin.path", pluginPath.toAbsolutePath().toString());
        p.put("plugin.discovery", "hybrid_warn");
        return p;
    }

    public static Map<String, String> forWorker(String bootstrapServers, int restPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", GROUP_ID);
        p.put("listeners", "http://127.0.0.1:" + restPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", Integer.toString(restPort));
        p.put("config.storage.topic", GROUP_ID + "-configs");
        p.put("offset.storage.topic", GROUP_ID + "-offsets");
        p.put("status.storage.topic", GROUP_ID + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "5");
        p.put("status.storage.partitions", "1");
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        // Plugins come from the classpath through ServiceLoader: the default scan costs ~4 s and ~1 GB.
        p.put("plugin.discovery", "service_load");
        // A lost worker's tasks move after a few seconds instead of the default 5 minutes.
        p.put("scheduled.rebalance.max.delay.ms", "3000");
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "1000");
        p.put("task.shutdown.graceful.timeout.ms", "1000");
        p.put("offset.flush.interval.ms", "1000");
        return p;
    }
}
