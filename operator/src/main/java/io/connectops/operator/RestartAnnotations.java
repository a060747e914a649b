package io.connectops.operator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Restart annotations (CFK's and connectops' own) as restart tokens, each fixed once so a restart happens once. */
final class RestartAnnotations {
    /** By resource key: the token an annotation stands for while it is there. */
    private final Map<String, String> restartTokens = new ConcurrentHashMap<>();

    /**
     * The restart token a restart annotation stands for: fixed at the resource version where the annotation (or its
     * value) first appeared, so the restart happens once; the operator removes the annotation after that (acknowledged).
     */
    String token(HasMetadata resource, String key) {
        if (!(resource instanceof ConnectorResource)) {
            return null;
        }
        String value = ResourceDocuments.annotation(resource, ResourceDocuments.RESTART);
        if (value == null) {
            restartTokens.remove(key);
            return null;
        }
        // CFK's restart-task names the task: the token says so, and the controller restarts that task alone.
        String task = ResourceDocuments.annotation(resource, List.of(ResourceDocuments.RESTART_TASK));
        String meant = task != null && task.strip().matches("\\d{1,6}") && value.equals(task)
                ? io.connectops.model.RestartToken.TASK_PREFIX + task.strip() : value;
        return restartTokens.compute(key, (k, old) -> old != null && old.startsWith(meant + "@") ? old
                : meant + "@" + resource.getMetadata().getResourceVersion());
    }
}
