package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The election against a real broker: a member leads only while its election runs. */
@ExtendWith(DevStackExtension.class)
class LeaderElectionTest {
    @Test
    void aMemberWhoseElectionStoppedNeitherLeadsNorIsAlive(DevStack stack) throws Exception {
        LeaderElection election = new LeaderElection(stack.bootstrapServers(), "test-" + UUID.randomUUID().toString().substring(0, 6),
                Map.of(), () -> { });
        election.start();
        ControllerAgainstConnectTest.await("leading", Duration.ofSeconds(30), election::isLeader);
        assertTrue(election.alive());
        election.close();
        assertFalse(election.alive(), "a stopped election makes the process unready");
        assertFalse(election.isLeader(), "and it writes nothing more");
    }
}
