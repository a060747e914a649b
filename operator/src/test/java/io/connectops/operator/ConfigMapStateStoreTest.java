package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.connectops.controller.ControllerOptions;
import io.connectops.controller.StateStore;
import io.connectops.operator.apiserver.RuledMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's promises live in a ConfigMap every replica reads, written with the Role it has. */
class ConfigMapStateStoreTest {
    @Test
    void whatOneReplicaPromisesAnotherReads(@TempDir java.nio.file.Path tmp) throws Exception {
        try (RuledMockServer api = TestApiServer.start()) {
            ControllerOptions options = ControllerOptions.builder("kubernetes", tmp).build();
            StateStore first = new KubernetesSource(api.operatorClient(), List.of("team-a")).state(options);
            StateStore second = new KubernetesSource(api.operatorClient(), List.of("team-a")).state(options);
            assertEquals("ConfigMap " + api.operatorClient().getNamespace() + "/" + ConfigMapStateStore.NAME, first.describe());
            assertEquals(Map.of(), second.read());
            first.write(Map.of("orphan:orders/keep", "pending", "restart:orders/c", "2"));
            assertEquals(Map.of("orphan:orders/keep", "pending", "restart:orders/c", "2"), second.read());
            first.write(Map.of("restart:orders/c", "3"));
            assertEquals(Map.of("restart:orders/c", "3"), second.read());
            assertEquals(List.of(), api.rules().refused(), "the Role lets it read, create and update its ConfigMap");
        }
    }

    @Test
    void aConfigMapOfThatNameConnectopsDidNotMakeIsNeitherReadNorWritten(@TempDir java.nio.file.Path tmp) {
        try (RuledMockServer api = TestApiServer.start()) {
            String namespace = api.operatorClient().getNamespace();
            api.client().configMaps().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                    .withName(ConfigMapStateStore.NAME).withNamespace(namespace).endMetadata().addToData("state.json", "{\"theirs\":\"x\"}")
                    .build()).create();
            StateStore store = new KubernetesSource(api.operatorClient(), List.of("team-a"))
                    .state(ControllerOptions.builder("kubernetes", tmp).build());
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, store::read);
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> store.write(Map.of("k", "v")));
            assertEquals("{\"theirs\":\"x\"}", api.client().configMaps().inNamespace(namespace).withName(ConfigMapStateStore.NAME).get()
                    .getData().get("state.json"), "never written");
        }
    }
}
