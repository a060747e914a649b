package io.connectops.load;

import io.connectops.model.Diagnostic;

import java.util.List;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;

/**
 * Reads Strimzi {@code KafkaConnector} resources ({@code kafka.strimzi.io/v1beta2} and {@code v1}):
 * {@code spec.class}, {@code tasksMax}, {@code config}, {@code state} (or the older {@code pause: true}),
 * {@code autoRestart {enabled, maxRestarts}} and the {@code strimzi.io/cluster} label, which names the
 * ConnectCluster. As in Strimzi, without {@code autoRestart.enabled: true} nothing is restarted, and
 * without {@code maxRestarts} there is no limit.
 */
final class StrimziReader {
    static final List<String> API_VERSIONS = List.of("kafka.strimzi.io/v1beta2", "kafka.strimzi.io/v1");
    static final String CLUSTER_LABEL = "strimzi.io/cluster";
    private static final String WHAT = "a Strimzi KafkaConnector field";

    private StrimziReader() {
    }

    static ConnectorSpec connector(Fields doc, List<Diagnostic> warnings) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'class')");
            return null;
        }
        ConnectorParts.warnUnknown(spec, warnings, WHAT, "class", "tasksMax", "config", "state", "pause", "autoRestart");
        DesiredState state = DesiredState.RUNNING;
        if (spec.has("state")) {
            state = spec.enumValue("state", DesiredState.class, DesiredState.RUNNING);
            if (state == DesiredState.ABSENT) {
                spec.problem("state", "'spec.state' of a KafkaConnector is running, paused or stopped");
            }
            if (spec.has("pause")) {
                warnings.add(new Diagnostic(spec.locationOf("pause"), "'spec.pause' is ignored because 'spec.state' is set (as Strimzi does)"));
            }
        } else if (Boolean.TRUE.equals(spec.bool("pause"))) {
            state = DesiredState.PAUSED;
        }
        RestartPolicy policy = RestartPolicy.NEVER;
        Fields autoRestart = spec.object("autoRestart");
        if (autoRestart != null) {
            ConnectorParts.warnUnknown(autoRestart, warnings, WHAT, "enabled", "maxRestarts");
            if (Boolean.TRUE.equals(autoRestart.bool("enabled"))) {
                Integer max = autoRestart.integer("maxRestarts", 0);
                policy = new RestartPolicy(RestartPolicy.Type.OnFailure, max == null ? RestartPolicy.UNLIMITED : max);
            }
        }
        String cluster = metadata == null ? null : metadata.labels().get(CLUSTER_LABEL);
        if (metadata != null && cluster == null) {
            warnings.add(new Diagnostic(metadata.location(), "KafkaConnector '" + metadata.name() + "' has no '" + CLUSTER_LABEL
                    + "' label: it goes to the only ConnectCluster (or --connect-url)"));
        }
        String name = metadata == null ? null : metadata.name();
        return ConnectorParts.build(metadata, name, spec, "class", "tasksMax", "config", cluster, state, policy, null);
    }
}
