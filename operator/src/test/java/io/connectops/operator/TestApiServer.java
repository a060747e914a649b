package io.connectops.operator;

import java.util.ArrayList;
import java.util.List;

import io.connectops.operator.apiserver.RuledMockServer;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

/** The mock API server with the API server's rules in front, serving connectops' kinds and the foreign ones it can watch. */
final class TestApiServer {
    private TestApiServer() {
    }

    static RuledMockServer start() {
        List<CustomResourceDefinitionContext> contexts = new ArrayList<>();
        contexts.add(CustomResourceDefinitionContext.fromCustomResourceType(ConnectorResource.class));
        contexts.add(CustomResourceDefinitionContext.fromCustomResourceType(ConnectClusterResource.class));
        KubernetesSource.KAFKA_KINDS.forEach(kind -> contexts.add(CustomResourceDefinitionContext.fromCustomResourceType(kind)));
        for (String tool : List.of("strimzi", "cfk")) {
            for (ForeignKind kind : ForeignKind.of(tool)) {
                String group = kind.apiVersion().substring(0, kind.apiVersion().indexOf('/'));
                String version = kind.apiVersion().substring(kind.apiVersion().indexOf('/') + 1);
                contexts.add(new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind.kind())
                        .withPlural(kind.plural()).withScope("Namespaced").build());
            }
        }
        return RuledMockServer.start(contexts);
    }

    /** After a test: nothing was refused that a real API server would have refused, and the server goes. */
    static void finish(RuledMockServer api) {
        try {
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), api.rules().refused(), "a real API server would have refused these");
        } finally {
            api.close();
        }
    }
}
