package io.connectops.load;

import io.connectops.model.Diagnostic;

import java.util.List;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.model.AclSpec;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;

/**
 * Reads Strimzi {@code KafkaConnector} resources ({@code kafka.strimzi.io/v1beta2} and {@code v1}):
 * {@code spec.class}, {@code tasksMax}, {@code config}, {@code state} (or the older {@code pause: true}),
 * {@code autoRestart {enabled, maxRestarts}} and the {@code strimzi.io/cluster} label, which names the
 * ConnectCluster. As in Strimzi, without {@code autoRestart.enabled: true} nothing is restarted, and
 * without {@code maxRestarts} there is no limit.
 */
public final class StrimziReader {
    public static final List<String> API_VERSIONS = List.of("kafka.strimzi.io/v1beta2", "kafka.strimzi.io/v1");
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

    /**
     * A Strimzi {@code KafkaTopic}: {@code spec.topicName} (else metadata.name), {@code partitions},
     * {@code replicas}, {@code config}; the {@code strimzi.io/cluster} label names the KafkaCluster.
     */
    static TopicSpec topic(Fields doc, List<Diagnostic> warnings) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.objectOrEmpty("spec");
        ConnectorParts.warnUnknown(spec, warnings, "a Strimzi KafkaTopic field", "topicName", "partitions", "replicas", "config");
        String name = spec.has("topicName") ? spec.string("topicName") : metadata == null ? null : metadata.name();
        String cluster = metadata == null ? null : metadata.labels().get(CLUSTER_LABEL);
        return KafkaNativeReader.topic(name, metadata == null ? null : metadata.location(), spec, cluster, true, "partitions",
                "replicas", "config");
    }

    /**
     * A Strimzi {@code KafkaUser} with {@code authentication.type: scram-sha-512} and
     * {@code authorization.type: simple} ({@code acls[].resource.{type, name, patternType}},
     * {@code operations} or the older {@code operation}, {@code type} allow/deny, {@code host}). The
     * password is {@code authentication.password.valueFrom.secretKeyRef}, read from the secret variable
     * named like the key (a mounted Secret) or {@code <secret>.<key>}; without it one is generated into
     * the file the {@code connectops.io/password-file} annotation names.
     */
    static UserSpec user(Fields doc, io.connectops.render.Variables variables, List<AclSpec> acls, List<Diagnostic> warnings) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.objectOrEmpty("spec");
        ConnectorParts.warnUnknown(spec, warnings, "a Strimzi KafkaUser field", "authentication", "authorization", "quotas", "template");
        // spec.quotas is read by the ClientQuota kind (io.connectops.kinds.quota).
        if (metadata == null) {
            return null;
        }
        String cluster = metadata.labels().get(CLUSTER_LABEL);
        Fields authorization = spec.object("authorization");
        if (authorization != null) {
            ConnectorParts.warnUnknown(authorization, warnings, "a Strimzi KafkaUser field", "type", "acls");
            String type = authorization.string("type");
            if (!"simple".equals(type)) {
                authorization.problem("type", "'spec.authorization.type' '" + type + "' is not supported: connectops manages Kafka ACLs "
                        + "(type: simple)");
            } else {
                List<AclSpec.Rule> rules = new java.util.ArrayList<>();
                for (Fields acl : authorization.objectList("acls", "an ACL ({resource: {type, name, patternType}, operations})")) {
                    rules.addAll(strimziAcl(acl));
                }
                acls.add(new AclSpec("User:" + metadata.name(), cluster, true, rules, authorization.locationOf("acls")));
            }
        }
        Fields authentication = spec.object("authentication");
        if (authentication == null) {
            return null; // ACLs only, as Strimzi allows for users authenticated elsewhere
        }
        String type = authentication.string("type");
        if (!"scram-sha-512".equals(type)) {
            authentication.problem("type", "'spec.authentication.type' '" + type + "' is not supported: connectops manages SCRAM users "
                    + "(scram-sha-512)");
            return null;
        }
        String password = null;
        Fields ref = authentication.object("password");
        if (ref != null) {
            Fields valueFrom = ref.object("valueFrom");
            Fields secretRef = valueFrom == null ? null : valueFrom.object("secretKeyRef");
            if (secretRef == null) {
                ref.problem(null, "'spec.authentication.password' needs 'valueFrom.secretKeyRef: {name, key}'");
                return null;
            }
            String secret = secretRef.requiredString("name");
            String key = secretRef.requiredString("key");
            io.connectops.render.Variable variable = key == null ? null : variables.lookup(key)
                    .or(() -> variables.lookup(secret + "." + key)).filter(v -> v.secret() || variables.isSymbolic()).orElse(null);
            if (variable == null) {
                secretRef.problem(null, "the password of KafkaUser '" + metadata.name() + "' is in Secret '" + secret + "', key '" + key
                        + "': give it as a secret variable '" + key + "' (a key of a --secrets-dir properties file, or a sealed value)");
                return null;
            }
            password = variable.value();
        }
        String passwordFile = password != null ? null : doc.object("metadata") == null ? null
                : doc.object("metadata").stringMap("annotations").getOrDefault(PASSWORD_FILE_ANNOTATION, metadata.name() + ".password");
        String outside = PasswordLocations.problem(passwordFile);
        if (outside != null) {
            Fields annotations = doc.object("metadata").object("annotations");
            (annotations != null ? annotations : doc.object("metadata")).problem(annotations != null ? PASSWORD_FILE_ANNOTATION : "annotations",
                    "annotation " + PASSWORD_FILE_ANNOTATION + ": " + outside);
            return null;
        }
        return new UserSpec(metadata.name(), cluster, true, UserSpec.Mechanism.SCRAM_SHA_512, UserSpec.DEFAULT_ITERATIONS, password,
                passwordFile, null, metadata.location());
    }

    static final String PASSWORD_FILE_ANNOTATION = "connectops.io/password-file";

    private static List<AclSpec.Rule> strimziAcl(Fields acl) {
        List<AclSpec.Rule> rules = new java.util.ArrayList<>();
        acl.allowOnly("resource", "operations", "operation", "type", "host");
        Fields resource = acl.object("resource");
        if (resource == null) {
            acl.problem(null, "an ACL needs 'resource: {type, name, patternType}'");
            return rules;
        }
        resource.allowOnly("type", "name", "patternType");
        AclSpec.ResourceType type = KafkaNativeReader.resourceType(resource, "type");
        String name = type == AclSpec.ResourceType.CLUSTER ? AclSpec.Rule.CLUSTER_RESOURCE : resource.requiredString("name");
        // Strimzi spells them literal and prefix.
        AclSpec.PatternType pattern = "prefix".equalsIgnoreCase(resource.string("patternType")) ? AclSpec.PatternType.PREFIXED
                : resource.enumValue("patternType", AclSpec.PatternType.class, AclSpec.PatternType.LITERAL);
        AclSpec.Permission permission = acl.enumValue("type", AclSpec.Permission.class, AclSpec.Permission.ALLOW);
        String host = acl.has("host") ? acl.string("host") : "*";
        List<String> texts = new java.util.ArrayList<>(acl.stringList("operations"));
        texts.addAll(acl.stringList("operation"));
        if (texts.isEmpty()) {
            acl.problem(null, "an ACL needs 'operations' (e.g. [Read, Describe])");
        }
        for (String text : texts) {
            AclSpec.Operation operation = AclSpec.Operation.parse(text);
            if (operation == null) {
                acl.problem(acl.has("operations") ? "operations" : "operation", "unknown ACL operation '" + text + "'; allowed: "
                        + KafkaNativeReader.operationNames());
            } else if (type != null && name != null && pattern != null && permission != null) {
                rules.add(new AclSpec.Rule(type, name, pattern, operation, permission, host, acl.location()));
            }
        }
        return rules;
    }
}
