package io.connectops.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.connectops.model.DesiredState;
import io.connectops.plan.Change;
import io.connectops.plan.KeyChange;

/** What a planned change means, in words for events and status: names of keys and ACLs, never a value. */
final class Drift {
    private Drift() {
    }

    static String describe(Change change) {
        return switch (change.action()) {
            case CREATE -> "missing on the cluster (deleted by hand?): created again";
            case DELETE -> change.desiredState() == DesiredState.ABSENT ? "declared absent: deleted" : "no longer declared: deleted";
            case UPDATE -> {
                List<String> parts = new ArrayList<>();
                if (!change.keyChanges().isEmpty()) {
                    parts.add((change.configChanged() ? "config differs (" : "differs (") + change.keyChanges().stream()
                            .map(Drift::key).collect(Collectors.joining(", ")) + ")");
                }
                if (change.stateChanges()) {
                    parts.add("state " + change.state().from().yamlName() + " instead of " + change.state().to().yamlName());
                }
                yield String.join(", ", parts);
            }
            case NONE -> "in sync";
        };
    }

    private static String key(KeyChange key) {
        if (!key.key().equals("acl")) {
            return key.key();
        }
        return key.kind() == KeyChange.Kind.ADDED ? "missing ACL: " + key.after() : "extra ACL: " + key.before();
    }
}
