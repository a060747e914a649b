package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.Test;

/** The workers' readiness as kubectl rollout status reads it, on Deployment statuses a real controller writes. */
class RolloutTest {
    private static Deployment deployment(long generation, long observed, int replicas, int updated, int ready) {
        return new DeploymentBuilder().withNewMetadata().withName("w").withGeneration(generation).endMetadata()
                .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).endStatus().build();
    }

    @Test
    void oldPodsAnsweringDuringARolloutAreNotTheNewWorkers() {
        Rollout rolling = Rollout.of(deployment(3, 3, 3, 1, 2), 2); // two old pods ready, one new one starting
        assertEquals(1, rolling.readyNew());
        assertFalse(rolling.done());
        Rollout unseen = Rollout.of(deployment(4, 3, 2, 2, 2), 2); // the new template not yet seen by the controller
        assertEquals(0, unseen.readyNew());
        assertFalse(unseen.done());
        Rollout done = Rollout.of(deployment(4, 4, 2, 2, 2), 2);
        assertEquals(2, done.readyNew());
        assertTrue(done.done());
        assertNull(done.failure());
    }

    @Test
    void aRolloutPastItsDeadlineOrPodsRefusedAreFailures() {
        Deployment stuck = deployment(2, 2, 2, 1, 1);
        stuck.getStatus().getConditions().add(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"w-7d\" has timed out progressing.").build());
        assertTrue(Rollout.of(stuck, 2).failure().contains("timed out progressing"));
        Deployment refused = deployment(2, 2, 0, 0, 0);
        refused.getStatus().getConditions().add(new DeploymentConditionBuilder().withType("ReplicaFailure").withStatus("True")
                .withReason("FailedCreate").withMessage("pods \"w-1\" is forbidden: violates PodSecurity \"restricted:latest\"").build());
        assertTrue(Rollout.of(refused, 2).failure().contains("PodSecurity"));
    }
}
