package io.connectops.load;

import io.connectops.model.Diagnostic;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.model.SourceLocation;

/**
 * What every connector format has in common, once its own field names are read: builds the
 * {@link ConnectorSpec} with every key's location, and checks the config map does not contradict the
 * fields that also become Connect keys.
 */
final class ConnectorParts {
    private ConnectorParts() {
    }

    /**
     * @param classField  the field holding the class in this format ("class"), for locations
     * @param tasksField  the field holding the task count ("tasksMax", "taskMax")
     * @param configField the field holding the config map ("config", "configs")
     */
    static ConnectorSpec build(NativeReader.Metadata metadata, String name, Fields spec, String classField, String tasksField,
                               String configField, String cluster, DesiredState state, RestartPolicy restartPolicy,
                               String restartToken) {
        return build(metadata, name, spec, classField, tasksField, configField, cluster, state, restartPolicy, restartToken, false);
    }

    /**
     * @param strict connectops' own format: {@code name}, {@code connector.class} and {@code tasks.max}
     *               in the config map are always an error (they have their own fields); other tools'
     *               formats may repeat them with the same value
     */
    static ConnectorSpec build(NativeReader.Metadata metadata, String name, Fields spec, String classField, String tasksField,
                               String configField, String cluster, DesiredState state, RestartPolicy restartPolicy,
                               String restartToken, boolean strict) {
        String connectorClass = spec.requiredString(classField);
        Integer tasksMax = spec.integer(tasksField, 1);
        Map<String, String> config = new LinkedHashMap<>(spec.stringMap(configField));
        Fields configFields = spec.object(configField);
        // Other tools let a config repeat what a field says; the same value is harmless, a different one is a mistake.
        for (String[] twice : new String[][] {{"name", name, "metadata.name"}, {"connector.class", connectorClass, spec.path(classField)},
                {"tasks.max", tasksMax == null ? null : tasksMax.toString(), spec.path(tasksField)}}) {
            String value = config.get(twice[0]);
            if (value == null) {
                continue;
            }
            if (strict) {
                configFields.problem(twice[0], "'" + twice[0] + "' is set in '" + spec.path(configField) + "' and comes from '" + twice[2]
                        + "' too: remove it from " + spec.path(configField));
                continue;
            }
            if (twice[1] == null) {
                continue; // nothing to compare with: tasks.max only in the config map is read by Connect all the same
            }
            if (Objects.equals(value.strip(), twice[1])) {
                config.remove(twice[0]);
            } else {
                configFields.problem(twice[0], "'" + twice[0] + "' is '" + value + "' here but '" + twice[1]
                        + "' in the resource's own field: remove it from '" + spec.path(configField) + "'");
            }
        }
        if (metadata == null || connectorClass == null || name == null) {
            return null;
        }
        Map<String, SourceLocation> keyLocations = new HashMap<>();
        keyLocations.put("connector.class", spec.locationOf(classField));
        keyLocations.put("name", metadata.location());
        if (spec.has(tasksField)) {
            keyLocations.put("tasks.max", spec.locationOf(tasksField));
        }
        config.keySet().forEach(key -> keyLocations.put(key, configFields.locationOf(key)));
        Set<String> secretKeys = spec.secretKeys(configField);
        return new ConnectorSpec(name, metadata.labels(), cluster, connectorClass, tasksMax, state, config, restartPolicy,
                restartToken, metadata.location(), keyLocations, secretKeys);
    }

    /** Unknown fields of another tool's resource are warnings: its schema moves on without us. */
    static void warnUnknown(Fields fields, List<Diagnostic> warnings, String what, String... known) {
        for (String key : fields.unknownKeys(known)) {
            warnings.add(new Diagnostic(fields.locationOf(key), "'" + fields.path(key) + "' is not used by connectops (" + what
                    + "): ignored"));
        }
    }
}
