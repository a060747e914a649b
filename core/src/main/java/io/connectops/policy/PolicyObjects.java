package io.connectops.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.AclSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.KafkaResource;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;

/**
 * Every declared resource in the native form a policy reads as {@code object} ({@code apiVersion}, {@code kind},
 * {@code metadata}, {@code spec}), whatever format it was read from: a streaming-ops ConfigMap's connector is a
 * Connector, its class in {@code spec.class} and its {@code tasks.max} in {@code spec.tasksMax} (the form of a file and of
 * the custom resource, so a rule reads the same under the operator's admission policies). Numbers are CEL ints (longs), config values strings as Connect and Kafka take them. A value filled in from
 * a secret reads as {@value #SENSITIVE}: a rule can tell that it came from a secret, never what it is, so no message
 * can print it. A user's password is never in its object.
 */
public final class PolicyObjects {
    public static final String SENSITIVE = "(sensitive)";
    static final String API_VERSION = "connectops.io/v1alpha1";

    /** One resource as a policy sees it; {@code team}: the team that declares it (docs/teams.md), or "". */
    public record PolicyObject(String kind, String name, String cluster, Map<String, Object> object, SourceLocation source, String team) {
        public PolicyObject(String kind, String name, String cluster, Map<String, Object> object, SourceLocation source) {
            this(kind, name, cluster, object, source, "");
        }

        public PolicyObject withTeam(String team) {
            return new PolicyObject(kind, name, cluster, object, source, team);
        }
    }

    private PolicyObjects() {
    }

    /**
     * The resources of {@code targets}, and those of {@code declarations} no target holds (an offline check without a
     * declared cluster): their cluster is the one they name, or "".
     */
    public static List<PolicyObject> of(Targets targets, io.connectops.model.Declarations declarations) {
        List<PolicyObject> objects = new ArrayList<>(of(targets));
        java.util.Set<String> seen = new java.util.HashSet<>();
        objects.forEach(o -> seen.add(o.kind() + "/" + o.name()));
        for (ConnectorSpec connector : declarations.connectors()) {
            if (!seen.contains("Connector/" + connector.name())) {
                String cluster = connector.cluster() == null ? "" : connector.cluster();
                objects.add(object("Connector", connector.name(), cluster, connector.labels(), connector(connector, cluster), connector.source()));
            }
        }
        for (TopicSpec topic : declarations.topics()) {
            if (!seen.contains("Topic/" + topic.name())) {
                String cluster = topic.cluster() == null ? "" : topic.cluster();
                objects.add(object("Topic", topic.name(), cluster, Map.of(), topic(topic, cluster), topic.source()));
            }
        }
        for (AclSpec acl : declarations.acls()) {
            if (!seen.contains("Acl/" + acl.principal())) {
                String cluster = acl.cluster() == null ? "" : acl.cluster();
                objects.add(object("Acl", acl.principal(), cluster, Map.of(), acl(acl, cluster), acl.source()));
            }
        }
        for (UserSpec user : declarations.users()) {
            if (!seen.contains("User/" + user.name())) {
                String cluster = user.cluster() == null ? "" : user.cluster();
                objects.add(object("User", user.name(), cluster, Map.of(), user(user, cluster), user.source()));
            }
        }
        return objects;
    }

    public static List<PolicyObject> of(Targets targets) {
        List<PolicyObject> objects = new ArrayList<>();
        for (Targets.ClusterTarget target : targets.clusters()) {
            String cluster = target.name();
            Map<String, Object> clusterSpec = new LinkedHashMap<>();
            clusterSpec.put("urls", target.cluster().urls().stream().map(Object::toString).toList());
            // A plugin's URL may carry a download token: policies see its name and Maven coordinates only.
            clusterSpec.put("plugins", target.cluster().plugins().plugins().stream().map(p -> p.maven() == null ? Map.<String, Object>of("name", p.name())
                    : Map.<String, Object>of("name", p.name(), "maven", p.maven().coordinates())).toList());
            objects.add(object("ConnectCluster", cluster, cluster, Map.of(), clusterSpec, target.cluster().source()));
            for (ConnectorSpec connector : target.connectors()) {
                objects.add(object("Connector", connector.name(), cluster, connector.labels(), connector(connector, cluster), connector.source()));
            }
        }
        for (Targets.KafkaTarget target : targets.kafka()) {
            String cluster = target.name();
            Map<String, Object> clusterSpec = new LinkedHashMap<>();
            clusterSpec.put("bootstrapServers", target.cluster().bootstrapServers());
            clusterSpec.put("protectedTopics", target.cluster().protectedTopics().stream().sorted().toList());
            clusterSpec.put("ownership", Map.of("owner", target.cluster().owner(), "topic", target.cluster().ownershipTopic(),
                    "writers", target.cluster().ownershipWriters().stream().sorted().toList()));
            objects.add(object("KafkaCluster", cluster, cluster, Map.of(), clusterSpec, target.cluster().source()));
            target.topics().forEach(topic -> objects.add(object("Topic", topic.name(), cluster, Map.of(), topic(topic, cluster), topic.source())));
            target.acls().forEach(acl -> objects.add(object("Acl", acl.principal(), cluster, Map.of(), acl(acl, cluster), acl.source())));
            target.users().forEach(user -> objects.add(object("User", user.name(), cluster, Map.of(), user(user, cluster), user.source())));
            for (KafkaResource resource : target.resources()) {
                Map<String, Object> spec = new LinkedHashMap<>(resource.policySpec());
                spec.put("cluster", cluster);
                objects.add(object(resource.kind(), resource.name(), cluster, Map.of(), spec, resource.source()));
            }
        }
        return objects;
    }

    private static PolicyObject object(String kind, String name, String cluster, Map<String, String> labels, Map<String, Object> spec,
                                       SourceLocation source) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("labels", Map.copyOf(labels));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", API_VERSION);
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("spec", spec);
        return new PolicyObject(kind, name, cluster, object, source);
    }

    private static Map<String, Object> connector(ConnectorSpec connector, String cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", cluster);
        spec.put("class", connector.connectorClass() == null ? "" : connector.connectorClass());
        if (connector.tasksMax() != null) {
            spec.put("tasksMax", connector.tasksMax().longValue());
        }
        spec.put("state", connector.state() == null ? "running" : connector.state().yamlName());
        Map<String, Object> config = new LinkedHashMap<>();
        // The native form, as the ConnectCluster's CRD has it too: the class and tasks.max in spec.class and spec.tasksMax,
        // whichever format declared them (a streaming-ops file writes them into its config).
        connector.config().forEach((key, value) -> config.put(key, connector.sensitiveKeys().contains(key) ? SENSITIVE : value));
        spec.put("config", config);
        return spec;
    }

    private static Map<String, Object> topic(TopicSpec topic, String cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", cluster);
        if (topic.partitions() != null) {
            spec.put("partitions", topic.partitions().longValue());
        }
        if (topic.replicationFactor() != null) {
            spec.put("replicationFactor", topic.replicationFactor().longValue());
        }
        spec.put("config", new LinkedHashMap<String, Object>(topic.config()));
        return spec;
    }

    private static Map<String, Object> acl(AclSpec acl, String cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", cluster);
        spec.put("principal", acl.principal());
        List<Object> rules = new ArrayList<>();
        for (AclSpec.Rule rule : acl.rules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            // As a file writes a rule (one operation each): resource, name, patternType, operation, permission, host.
            r.put("resource", rule.resourceType().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            r.put("name", rule.resourceName());
            r.put("patternType", rule.patternType().name().toLowerCase(java.util.Locale.ROOT));
            r.put("operation", rule.operation().label());
            r.put("permission", rule.permission().name().toLowerCase(java.util.Locale.ROOT));
            r.put("host", rule.host());
            rules.add(r);
        }
        spec.put("rules", rules);
        return spec;
    }

    private static Map<String, Object> user(UserSpec user, String cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", cluster);
        spec.put("mechanism", user.mechanism().label());
        spec.put("iterations", (long) user.iterations());
        if (user.password() != null) {
            spec.put("password", SENSITIVE);
        }
        if (user.rotateToken() != null) {
            spec.put("rotateToken", user.rotateToken());
        }
        return spec;
    }
}
