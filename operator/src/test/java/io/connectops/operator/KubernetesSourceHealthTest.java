package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.connectops.devstack.junit.Await;
import io.connectops.operator.apiserver.RuledMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A watch the API server keeps refusing makes the operator not live (a restart), after a grace a reconnect never needs. */
class KubernetesSourceHealthTest {
    RuledMockServer api;
    KubernetesSource source;

    @BeforeEach
    void start() {
        api = TestApiServer.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        api.close();
    }

    @Test
    void anInformerThatCannotWatchFailsLivenessAfterItsGrace() {
        source = new KubernetesSource(api.operatorClient(), List.of("team-a"));
        source.start(() -> { });
        Await.until("watching", Duration.ofSeconds(30), () -> source.live(Duration.ZERO));
        assertTrue(source.live());

        // An informer that stopped (fabric8 stops one on an error it does not retry): within its grace no failure, then one.
        source.informers().get(0).stop();
        assertTrue(source.live(Duration.ofSeconds(30)), "within its grace a lost watch is no failure (a reconnect)");
        Await.until("not live past the grace", Duration.ofSeconds(30), () -> !source.live(Duration.ofMillis(300)));
    }

    @Test
    void anInformerWhoseFirstListIsRefusedStopsTheStart() {
        api.rules().refuse(r -> r.resource().equals("connectors") && r.verb().equals("list"));
        source = new KubernetesSource(api.operatorClient(), List.of("team-a"));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> source.start(() -> { }),
                "the operator does not start on a view it cannot have (and is restarted)");
        assertFalse(api.rules().refusedForTheTest().isEmpty());
    }
}
