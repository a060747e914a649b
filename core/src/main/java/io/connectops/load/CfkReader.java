package io.connectops.load;

import io.connectops.model.Diagnostic;

import java.util.List;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;

/**
 * Reads Confluent for Kubernetes {@code Connector} resources ({@code platform.confluent.io/v1beta1}):
 * {@code spec.class}, {@code spec.taskMax}, {@code spec.configs}, {@code spec.name} (overrides
 * metadata.name), {@code spec.restartPolicy {type, maxRetry}} (default OnFailure, 10) and
 * {@code spec.connectClusterRef.name}, the connectops ConnectCluster of that name.
 */
final class CfkReader {
    static final String API_VERSION = "platform.confluent.io/v1beta1";
    private static final String WHAT = "a CFK Connector field";

    private CfkReader() {
    }

    static ConnectorSpec connector(Fields doc, List<Diagnostic> warnings) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'class' and 'taskMax')");
            return null;
        }
        ConnectorParts.warnUnknown(spec, warnings, WHAT, "name", "class", "taskMax", "configs", "restartPolicy",
                "connectClusterRef", "connectRest");
        if (spec.has("connectRest")) {
            warnings.add(new Diagnostic(spec.locationOf("connectRest"), "'spec.connectRest' is not used: connectops reaches Connect "
                    + "through the ConnectCluster named by spec.connectClusterRef (or --connect-url)"));
        }
        String cluster = null;
        Fields ref = spec.object("connectClusterRef");
        if (ref != null) {
            ConnectorParts.warnUnknown(ref, warnings, WHAT, "name", "namespace");
            cluster = ref.requiredString("name");
        }
        RestartPolicy policy = RestartPolicy.DEFAULT;
        Fields restart = spec.object("restartPolicy");
        if (restart != null) {
            ConnectorParts.warnUnknown(restart, warnings, WHAT, "type", "maxRetry");
            RestartPolicy.Type type = restart.enumValue("type", RestartPolicy.Type.class, RestartPolicy.Type.OnFailure);
            Integer maxRetry = restart.integer("maxRetry", 0);
            policy = new RestartPolicy(type, maxRetry == null ? RestartPolicy.DEFAULT.maxRetries() : maxRetry);
        }
        String name = spec.has("name") ? spec.string("name") : metadata == null ? null : metadata.name();
        return ConnectorParts.build(metadata, name, spec, "class", "taskMax", "configs", cluster, DesiredState.RUNNING, policy, null);
    }

    /**
     * A CFK {@code KafkaTopic}: {@code spec.name} (else metadata.name), {@code partitionCount},
     * {@code replicas}, {@code configs}; {@code spec.kafkaClusterRef.name} names the KafkaCluster.
     */
    static io.connectops.model.TopicSpec topic(Fields doc, List<Diagnostic> warnings) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.objectOrEmpty("spec");
        ConnectorParts.warnUnknown(spec, warnings, "a CFK KafkaTopic field", "name", "partitionCount", "replicas", "configs",
                "kafkaClusterRef", "kafkaRestClassRef", "kafkaRest");
        String cluster = null;
        Fields ref = spec.object("kafkaClusterRef");
        if (ref != null) {
            cluster = ref.string("name");
        }
        String name = spec.has("name") ? spec.string("name") : metadata == null ? null : metadata.name();
        return KafkaNativeReader.topic(name, metadata == null ? null : metadata.location(), spec, cluster, true, "partitionCount",
                "replicas", "configs");
    }
}
