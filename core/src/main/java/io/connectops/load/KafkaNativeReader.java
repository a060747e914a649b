package io.connectops.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.connectops.model.AclSpec;
import io.connectops.model.KafkaClusterSpec;
import io.connectops.model.SourceLocation;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;

/**
 * Reads connectops' Kafka kinds ({@code connectops.io/v1alpha1} KafkaCluster, Topic, Acl, User). The ACL
 * rule syntax is shared with {@code User.spec.acls} and accepts the spellings the other formats use
 * (consumer-group for group, cluster-scope for cluster, "read,write" for a list).
 */
final class KafkaNativeReader {
    private KafkaNativeReader() {
    }

    static KafkaClusterSpec cluster(Fields doc) {
        doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'bootstrapServers')");
            return null;
        }
        spec.allowOnly("bootstrapServers", "properties", "sasl", "ownership", "protectedTopics");
        String bootstrap = spec.requiredString("bootstrapServers");
        Map<String, String> properties = new LinkedHashMap<>(spec.stringMap("properties"));
        Fields sasl = spec.object("sasl");
        if (sasl != null) {
            sasl.allowOnly("mechanism", "username", "password", "tls");
            UserSpec.Mechanism mechanism = mechanism(sasl, "mechanism", UserSpec.Mechanism.SCRAM_SHA_512);
            String username = sasl.requiredString("username");
            String password = sasl.requiredString("password");
            boolean tls = Boolean.TRUE.equals(sasl.bool("tls"));
            if (properties.containsKey("sasl.jaas.config")) {
                sasl.problem(null, "'spec.sasl' and 'spec.properties.sasl.jaas.config' both set the login: keep one");
            }
            if (username != null && password != null && mechanism != null) {
                properties.putIfAbsent("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
                properties.put("sasl.mechanism", mechanism.label());
                properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + jaasEscape(username) + "\" password=\"" + jaasEscape(password) + "\";");
            }
        }
        String owner = null;
        String topic = null;
        java.util.Set<String> writers = java.util.Set.of();
        Fields ownership = spec.object("ownership");
        if (ownership != null) {
            ownership.allowOnly("owner", "topic", "writers");
            writers = principals(ownership, "writers");
            owner = ownership.string("owner");
            if (owner != null && !owner.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                ownership.problem("owner", "'spec.ownership.owner' must be 1 to 63 letters, digits, '.', '_' or '-' (e.g. team-orders)");
            }
            topic = ownership.string("topic");
        }
        List<String> protectedTopics = spec.stringList("protectedTopics");
        if (metadata == null || bootstrap == null) {
            return null;
        }
        return new KafkaClusterSpec(metadata.name(), bootstrap.trim(), properties, owner, topic, new LinkedHashSet<>(protectedTopics),
                writers, metadata.location());
    }

    /** Principals as Kafka's ACLs name them ({@code User:orders-app}); a wildcard is refused: it would trust everybody. */
    static java.util.Set<String> principals(Fields fields, String field) {
        java.util.Set<String> principals = new LinkedHashSet<>();
        for (String principal : fields.stringList(field)) {
            if (!principal.matches("[A-Za-z]+:[^*\\s][^\\s]*")) {
                fields.problem(field, "'" + principal + "' in '" + field + "' is not a principal: write it as ACLs do, Type:name"
                        + " (e.g. User:connectops), never a wildcard");
            }
            principals.add(principal);
        }
        return principals;
    }

    private static String jaasEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static TopicSpec topic(Fields doc) {
        doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.objectOrEmpty("spec");
        spec.allowOnly("cluster", "partitions", "replicationFactor", "config");
        String name = metadata == null ? null : metadata.name();
        return topic(name, metadata == null ? null : metadata.location(), spec, spec.string("cluster"), false, "partitions",
                "replicationFactor", "config");
    }

    /** The parts every topic format shares, from the fields it names them with. */
    static TopicSpec topic(String name, SourceLocation location, Fields spec, String cluster, boolean clusterIsHint,
                           String partitionsField, String replicasField, String configField) {
        Integer partitions = spec.integer(partitionsField, 1);
        Integer replicas = spec.integer(replicasField, 1);
        Map<String, String> config = spec.stringMap(configField);
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        Fields configFields = spec.object(configField);
        if (configFields != null) {
            config.keySet().forEach(key -> locations.put(key, configFields.locationOf(key)));
        }
        if (name == null) {
            return null;
        }
        return new TopicSpec(name, cluster, clusterIsHint, partitions, replicas, config, location, locations);
    }

    static AclSpec acl(Fields doc) {
        doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'principal' and 'rules')");
            return null;
        }
        spec.allowOnly("cluster", "principal", "rules");
        String principal = spec.requiredString("principal");
        if (principal != null && !principal.matches("[A-Za-z]+:.+")) {
            spec.problem("principal", "'spec.principal' is a Kafka principal, type:name, e.g. User:orders-app (got '" + principal + "')");
            principal = null;
        }
        List<AclSpec.Rule> rules = rules(spec, "rules");
        if (principal == null || metadata == null) {
            return null;
        }
        return new AclSpec(principal, spec.string("cluster"), false, rules, spec.locationOf("principal"));
    }

    static UserSpec user(Fields doc, List<AclSpec> acls) {
        doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields spec = doc.objectOrEmpty("spec");
        spec.allowOnly("cluster", "mechanism", "iterations", "password", "passwordFile", "rotateToken", "acls");
        UserSpec.Mechanism mechanism = mechanism(spec, "mechanism", UserSpec.Mechanism.SCRAM_SHA_512);
        Integer iterations = spec.integer("iterations", 4096);
        String password = spec.string("password");
        String passwordFile = spec.string("passwordFile");
        if (password != null && !spec.document().isSecret(spec.pointerOf("password"))
                && !io.connectops.render.Templates.hasTemplate(password)) { // a template left as it is: convert's symbolic rendering
            spec.problem("password", "'spec.password' must come from a secret variable ({{ NAME }} with NAME in a secrets file or a "
                    + "sealed value), never be written in the file; or leave it out and set 'passwordFile' to have one generated");
        }
        String outside = PasswordLocations.problem(passwordFile);
        if (outside != null) {
            spec.problem("passwordFile", "spec.passwordFile: " + outside);
        }
        if (password == null && passwordFile == null) {
            spec.problem(null, "a User needs 'spec.password' (from a secret variable) or 'spec.passwordFile' (where a generated "
                    + "password is written, once)");
        }
        String cluster = spec.string("cluster");
        if (metadata == null || mechanism == null) {
            return null;
        }
        if (spec.has("acls")) {
            acls.add(new AclSpec("User:" + metadata.name(), cluster, false, rules(spec, "acls"), spec.locationOf("acls")));
        }
        return new UserSpec(metadata.name(), cluster, false, mechanism, iterations == null ? UserSpec.DEFAULT_ITERATIONS : iterations,
                password, passwordFile, spec.string("rotateToken"), metadata.location());
    }

    static UserSpec.Mechanism mechanism(Fields fields, String field, UserSpec.Mechanism defaultValue) {
        String text = fields.string(field);
        if (text == null) {
            return defaultValue;
        }
        UserSpec.Mechanism mechanism = UserSpec.Mechanism.parse(text);
        if (mechanism == null) {
            fields.problem(field, "'" + fields.path(field) + "' is '" + text + "'; allowed: SCRAM-SHA-256, SCRAM-SHA-512");
        }
        return mechanism;
    }

    /** A list of ACL rules under {@code field}. */
    static List<AclSpec.Rule> rules(Fields spec, String field) {
        List<AclSpec.Rule> rules = new ArrayList<>();
        for (Fields rule : spec.objectList(field, "an ACL rule ({resource, name, operations, permission, ...})")) {
            rules.addAll(rule(rule));
        }
        return rules;
    }

    /** One rule as written: several operations make several ACLs. */
    static List<AclSpec.Rule> rule(Fields rule) {
        rule.allowOnly("resource", "name", "patternType", "operations", "operation", "permission", "host");
        AclSpec.ResourceType type = resourceType(rule, "resource");
        String name = rule.string("name");
        AclSpec.PatternType pattern = rule.enumValue("patternType", AclSpec.PatternType.class, AclSpec.PatternType.LITERAL);
        AclSpec.Permission permission = rule.enumValue("permission", AclSpec.Permission.class, AclSpec.Permission.ALLOW);
        String host = rule.has("host") ? rule.string("host") : "*";
        List<String> operationTexts = new ArrayList<>();
        for (String field : List.of("operations", "operation")) {
            for (String text : rule.stringList(field)) {
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        operationTexts.add(part.trim());
                    }
                }
            }
        }
        if (operationTexts.isEmpty()) {
            rule.problem(null, "an ACL rule needs 'operations' (e.g. [read, describe]); allowed: " + operationNames());
        }
        List<AclSpec.Operation> operations = new ArrayList<>();
        for (String text : operationTexts) {
            AclSpec.Operation operation = AclSpec.Operation.parse(text);
            if (operation == null) {
                String field = rule.has("operations") ? "operations" : "operation";
                rule.problem(field, "unknown ACL operation '" + text + "'" + Fields.closest(text.toLowerCase(java.util.Locale.ROOT),
                        List.of(operationNames().split(", "))).map(s -> " (did you mean '" + s + "'?)").orElse("")
                        + "; allowed: " + operationNames());
            } else {
                operations.add(operation);
            }
        }
        if (type == AclSpec.ResourceType.CLUSTER) {
            name = AclSpec.Rule.CLUSTER_RESOURCE;
        } else if (type != null && (name == null || name.isBlank())) {
            rule.problem(null, "an ACL rule on a " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " needs 'name' (a name, a prefix with patternType: prefixed, or \"*\" for all)");
            return List.of();
        }
        if (type == null || pattern == null || permission == null || host == null) {
            return List.of();
        }
        List<AclSpec.Rule> result = new ArrayList<>();
        for (AclSpec.Operation operation : new LinkedHashSet<>(operations)) {
            result.add(new AclSpec.Rule(type, name, pattern, operation, permission, host, rule.location()));
        }
        return result;
    }

    static String operationNames() {
        return String.join(", ", java.util.Arrays.stream(AclSpec.Operation.values()).map(AclSpec.Operation::label).toList());
    }

    static AclSpec.ResourceType resourceType(Fields rule, String field) {
        String text = rule.requiredString(field);
        if (text == null) {
            return null;
        }
        String key = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        switch (key) {
            case "topic":
                return AclSpec.ResourceType.TOPIC;
            case "group":
            case "consumer-group":
                return AclSpec.ResourceType.GROUP;
            case "cluster":
            case "cluster-scope":
                return AclSpec.ResourceType.CLUSTER;
            case "transactional-id":
            case "transactionalid":
                return AclSpec.ResourceType.TRANSACTIONAL_ID;
            default:
                List<String> allowed = List.of("topic", "group", "cluster", "transactional-id");
                rule.problem(field, "unknown ACL resource '" + text + "'" + Fields.closest(key, allowed)
                        .map(s -> " (did you mean '" + s + "'?)").orElse("") + "; allowed: " + String.join(", ", allowed));
                return null;
        }
    }
}
