package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.connectops.operator.apiserver.RuledMockServer;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** The same event again within the window is not published again: a connector failing at every pass says so once. */
class EventPublisherTest {
    @Test
    void aRepeatedEventIsPublishedOncePerWindow() {
        try (RuledMockServer api = TestApiServer.start()) {
            ConnectorResource connector = new ConnectorResource();
            connector.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("team-a").build());
            connector.setSpec(new ConnectorResource.Spec());
            connector.getSpec().connectorClass = "X";
            ConnectorResource created = api.client().resource(connector).create();
            EventPublisher publisher = new EventPublisher(api.operatorClient(), new KubernetesSource(api.operatorClient(), List.of("team-a")));
            for (int pass = 0; pass < 5; pass++) {
                publisher.emit(created, "ApplyFailed", "HTTP 500 from Connect");
            }
            publisher.emit(created, "ApplyFailed", "HTTP 400: Invalid value");
            assertEquals(2, api.client().v1().events().inNamespace("team-a").list().getItems().size());
            assertEquals(List.of(), api.rules().refused());
        }
    }
}
