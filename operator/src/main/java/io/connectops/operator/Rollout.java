package io.connectops.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Where the workers' Deployment is in its rollout, read as {@code kubectl rollout status} reads it: only pods of the
 * current template count as ready (an old pod answering during a rollout is not the new workers), the rollout is done
 * once the controller saw the current generation and every replica is updated and ready, and a rollout past its
 * progress deadline, or pods that cannot be created (an admission refusal), is a failure with the Deployment's words.
 *
 * @param readyNew ready pods of the current template
 * @param failure  why the rollout failed, or null
 */
record Rollout(int readyNew, boolean done, String failure) {
    static Rollout of(Deployment deployment, int desired) {
        DeploymentStatus status = deployment == null ? null : deployment.getStatus();
        if (status == null) {
            return new Rollout(0, false, null);
        }
        Long generation = deployment.getMetadata().getGeneration();
        // The API server sets generation; a Deployment without one (written by a test's mock) counts as observed.
        boolean observed = generation == null || (status.getObservedGeneration() != null && status.getObservedGeneration() >= generation);
        int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        int updated = status.getUpdatedReplicas() == null ? (generation == null ? ready : 0) : status.getUpdatedReplicas();
        int total = status.getReplicas() == null ? ready : status.getReplicas();
        int readyNew = observed ? Math.min(ready, updated) : 0;
        boolean done = observed && updated >= desired && readyNew >= desired && total <= updated;
        String failure = null;
        if (status.getConditions() != null) {
            for (DeploymentCondition condition : status.getConditions()) {
                if (condition.getType().equals("Progressing") && condition.getStatus().equals("False")
                        && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    failure = "the workers' rollout failed: " + condition.getMessage();
                } else if (condition.getType().equals("ReplicaFailure") && condition.getStatus().equals("True")) {
                    failure = "the workers' pods cannot be created: " + condition.getMessage();
                }
            }
        }
        return new Rollout(readyNew, done, failure);
    }
}
