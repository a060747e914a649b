package io.connectops.operator;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectops.controller.StateStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The controller's small promises in a ConfigMap of the operator's own namespace, not in one pod's emptyDir: a replica
 * that takes the lead over reads what the last leader promised (a connector to give up rather than prune, above all).
 * One JSON document under one key (ConfigMap keys cannot hold the promises' names).
 */
final class ConfigMapStateStore implements StateStore {
    static final String NAME = "connectops-operator-state";
    private static final String KEY = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;

    ConfigMapStateStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public Map<String, String> read() throws IOException {
        try {
            ConfigMap map = ours(client.configMaps().inNamespace(namespace).withName(NAME).get());
            String text = map == null || map.getData() == null ? null : map.getData().get(KEY);
            return text == null ? new TreeMap<>() : new TreeMap<>(JSON.readValue(text, new TypeReference<Map<String, String>>() { }));
        } catch (KubernetesClientException e) {
            throw new IOException("cannot read ConfigMap " + namespace + "/" + NAME + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Map<String, String> state) throws IOException {
        String text = JSON.writeValueAsString(new TreeMap<>(state));
        try {
            ConfigMap existing = ours(client.configMaps().inNamespace(namespace).withName(NAME).get());
            if (existing == null) {
                client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(NAME)
                        .withNamespace(namespace).addToLabels("app.kubernetes.io/managed-by", "connectops").endMetadata()
                        .addToData(KEY, text).build()).create();
            } else {
                existing.setData(new java.util.HashMap<>(Map.of(KEY, text)));
                client.configMaps().inNamespace(namespace).resource(existing).update(); // at the version read: no lost update
            }
        } catch (KubernetesClientException e) {
            throw new IOException("cannot write ConfigMap " + namespace + "/" + NAME + ": " + e.getMessage(), e);
        }
    }

    /** The ConfigMap when connectops made it (or none); one of that name made by someone else is neither read nor written. */
    private ConfigMap ours(ConfigMap map) throws IOException {
        if (map != null && (map.getMetadata().getLabels() == null
                || !"connectops".equals(map.getMetadata().getLabels().get("app.kubernetes.io/managed-by")))) {
            throw new IOException("ConfigMap " + namespace + "/" + NAME + " exists and was not made by connectops: it is left alone "
                    + "(remove or rename it to let the operator keep its state there)");
        }
        return map;
    }

    @Override
    public String describe() {
        return "ConfigMap " + namespace + "/" + NAME;
    }
}
