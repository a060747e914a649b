package io.connectops.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectops.model.AclSpec;
import io.connectops.model.Diagnostic;
import io.connectops.model.SourceLocation;
import io.connectops.model.TopicSpec;

/**
 * Reads streaming-ops ccloud-operator ConfigMaps ({@code destination: ccloud}) as they are: data
 * {@code service-accounts} ({@code [{name, description}]}, principals {@code User:<name>}) and
 * {@code environments} ({@code [{name, kafka: [{name, topic: [...], acl: [...]}]}]}). Topics
 * ({@code {name, partitions?, config?: "k=v,k2=v2"}}) and ACLs ({@code {"service-account", controls:
 * [{operation: "read,write", permission, resource, name, prefix?}]}}) go to the KafkaCluster named like
 * the {@code kafka} entry, or to the only one declared.
 *
 * <p>What the seed operator got wrong is done right here: a {@code prefix: "true"} on any resource is a
 * prefixed ACL (it was computed and never passed for topics), transactional ids are supported, an ACL
 * removed from the file is removed from Kafka, and partitions grow when the number does. Confluent
 * Cloud-only parts (environments, cloud/region, schema registry, API keys) are reported and skipped.
 */
final class CcloudReader {
    static final String DESTINATION = "ccloud";
    /** The data is JSON inside YAML; bounded like every other input (the file itself is size-bounded). */
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build());
    }

    private CcloudReader() {
    }

    static boolean isCcloudConfigMap(JsonNode root) {
        return "v1".equals(root.path("apiVersion").asText()) && "ConfigMap".equals(root.path("kind").asText())
                && DESTINATION.equals(root.path("metadata").path("labels").path(StreamingOpsReader.DESTINATION_LABEL).asText(null));
    }

    /** What one ConfigMap declares. */
    record Read(List<TopicSpec> topics, List<AclSpec> acls, List<String> serviceAccounts) {
    }

    static Read read(Fields doc, List<Diagnostic> warnings) {
        Read result = new Read(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        doc.allowOnly("apiVersion", "kind", "metadata", "data", "immutable");
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        Fields data = doc.object("data");
        if (metadata == null || data == null) {
            return result;
        }
        for (String key : data.unknownKeys("service-accounts", "environments")) {
            warnings.add(new Diagnostic(data.locationOf(key), "skipped: data '" + key + "' of a ccloud-operator ConfigMap is not read "
                    + "(connectops reads 'service-accounts' and 'environments')"));
        }
        JsonNode accounts = json(data, "service-accounts");
        if (accounts != null) {
            SourceLocation at = data.locationOf("service-accounts");
            for (JsonNode account : array(accounts, data, "service-accounts")) {
                String name = account.path("name").asText("");
                if (name.isBlank()) {
                    data.problem("service-accounts", "a service account needs a \"name\" (in data 'service-accounts')");
                } else {
                    result.serviceAccounts().add(name);
                }
            }
            if (!result.serviceAccounts().isEmpty()) {
                warnings.add(new Diagnostic(at, "service accounts " + String.join(", ", result.serviceAccounts()) + " are principals "
                        + "User:<name> here; Confluent Cloud service accounts and their API keys are not created (declare a User "
                        + "for SCRAM credentials)"));
            }
        }
        JsonNode environments = json(data, "environments");
        if (environments == null) {
            return result;
        }
        for (JsonNode environment : array(environments, data, "environments")) {
            String envName = environment.path("name").asText("?");
            List<String> cloudOnly = new ArrayList<>();
            environment.fieldNames().forEachRemaining(f -> {
                if (!f.equals("name") && !f.equals("kafka")) {
                    cloudOnly.add(f);
                }
            });
            if (!cloudOnly.isEmpty()) {
                warnings.add(new Diagnostic(data.locationOf("environments"), "environment '" + envName + "': " + String.join(", ", cloudOnly)
                        + " (Confluent Cloud only) not supported here: skipped"));
            }
            for (JsonNode kafka : array(environment.path("kafka"), data, "environments")) {
                readKafka(kafka, envName, data, result, warnings);
            }
        }
        return result;
    }

    private static void readKafka(JsonNode kafka, String envName, Fields data, Read result, List<Diagnostic> warnings) {
        SourceLocation at = data.locationOf("environments");
        String cluster = kafka.path("name").asText(null);
        List<String> cloudOnly = new ArrayList<>();
        kafka.fieldNames().forEachRemaining(f -> {
            if (!List.of("name", "topic", "acl").contains(f)) {
                cloudOnly.add(f);
            }
        });
        if (!cloudOnly.isEmpty()) {
            warnings.add(new Diagnostic(at, "environment '" + envName + "', kafka '" + cluster + "': " + String.join(", ", cloudOnly)
                    + " (Confluent Cloud only) not supported here: skipped; its topics and ACLs go to the KafkaCluster named '"
                    + cluster + "', or the only one declared"));
        }
        for (JsonNode topic : array(kafka.path("topic"), data, "environments")) {
            String name = topic.path("name").asText("");
            if (name.isBlank()) {
                data.problem("environments", "kafka '" + cluster + "': a topic needs a \"name\"");
                continue;
            }
            Integer partitions = null;
            if (topic.hasNonNull("partitions")) {
                partitions = positive(topic.get("partitions"));
                if (partitions == null) {
                    data.problem("environments", "topic '" + name + "': \"partitions\" must be a whole number of at least 1, got "
                            + topic.get("partitions"));
                    continue;
                }
            }
            Map<String, String> config = new LinkedHashMap<>();
            if (topic.hasNonNull("config")) {
                // "k=v,k2=v2", as the seed passed it to `ccloud kafka topic create --config`.
                for (String pair : topic.get("config").asText("").split(",")) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        data.problem("environments", "topic '" + name + "': config entry '" + pair.strip() + "' is not key=value "
                                + "(write \"config\": \"cleanup.policy=compact,retention.ms=1000\")");
                        continue;
                    }
                    config.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            result.topics().add(new TopicSpec(name, cluster, true, partitions, null, config, at, Map.of()));
        }
        Map<String, List<AclSpec.Rule>> byPrincipal = new LinkedHashMap<>();
        for (JsonNode acl : array(kafka.path("acl"), data, "environments")) {
            String account = acl.path("service-account").asText("");
            if (account.isBlank()) {
                data.problem("environments", "kafka '" + cluster + "': an acl entry needs a \"service-account\"");
                continue;
            }
            List<AclSpec.Rule> rules = byPrincipal.computeIfAbsent("User:" + account, k -> new ArrayList<>());
            for (JsonNode control : array(acl.path("controls"), data, "environments")) {
                rules.addAll(control(control, account, data));
            }
        }
        byPrincipal.forEach((principal, rules) -> result.acls().add(new AclSpec(principal, cluster, true, rules, at)));
    }

    private static List<AclSpec.Rule> control(JsonNode control, String account, Fields data) {
        String what = "service account '" + account + "': ";
        String resource = control.path("resource").asText("");
        AclSpec.ResourceType type = switch (resource) {
            case "topic" -> AclSpec.ResourceType.TOPIC;
            case "consumer-group" -> AclSpec.ResourceType.GROUP;
            case "cluster-scope" -> AclSpec.ResourceType.CLUSTER;
            case "transactional-id" -> AclSpec.ResourceType.TRANSACTIONAL_ID;
            default -> null;
        };
        if (type == null) {
            data.problem("environments", what + "unknown \"resource\": \"" + resource + "\"; allowed: topic, consumer-group, "
                    + "cluster-scope, transactional-id");
            return List.of();
        }
        String name = type == AclSpec.ResourceType.CLUSTER ? AclSpec.Rule.CLUSTER_RESOURCE : control.path("name").asText("");
        if (name.isBlank()) {
            data.problem("environments", what + "a " + resource + " control needs a \"name\" (\"*\" for all)");
            return List.of();
        }
        String permissionText = control.path("permission").asText("allow");
        AclSpec.Permission permission = switch (permissionText.toLowerCase(java.util.Locale.ROOT)) {
            case "allow" -> AclSpec.Permission.ALLOW;
            case "deny" -> AclSpec.Permission.DENY;
            default -> null;
        };
        if (permission == null) {
            data.problem("environments", what + "\"permission\" is \"" + permissionText + "\"; allowed: allow, deny");
            return List.of();
        }
        JsonNode prefix = control.path("prefix");
        boolean prefixed = prefix.isBoolean() ? prefix.booleanValue() : "true".equalsIgnoreCase(prefix.asText(""));
        List<AclSpec.Rule> rules = new ArrayList<>();
        for (String text : control.path("operation").asText("").split(",")) {
            if (text.isBlank()) {
                continue;
            }
            AclSpec.Operation operation = AclSpec.Operation.parse(text);
            if (operation == null) {
                data.problem("environments", what + "unknown operation '" + text.strip() + "'; allowed: " + KafkaNativeReader.operationNames());
                continue;
            }
            rules.add(new AclSpec.Rule(type, name, prefixed ? AclSpec.PatternType.PREFIXED : AclSpec.PatternType.LITERAL, operation,
                    permission, "*", data.locationOf("environments")));
        }
        if (rules.isEmpty()) {
            data.problem("environments", what + "a control needs \"operation\" (e.g. \"read,write\")");
        }
        return rules;
    }

    private static Integer positive(JsonNode node) {
        try {
            int value = node.isNumber() ? node.intValue() : Integer.parseInt(node.asText().trim());
            return value >= 1 && (!node.isNumber() || node.canConvertToInt()) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode json(Fields data, String key) {
        String text = data.string(key);
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            data.problem(key, "data '" + key + "' is not valid JSON" + (line > 0 ? " (line " + line + " of the value)" : "") + ": "
                    + e.getOriginalMessage());
            return null;
        }
    }

    private static List<JsonNode> array(JsonNode node, Fields data, String key) {
        List<JsonNode> items = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            data.problem(key, "in data '" + key + "': expected a JSON list, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return items;
        }
        node.forEach(item -> {
            if (item.isObject()) {
                items.add(item);
            } else {
                data.problem(key, "in data '" + key + "': expected a JSON object in the list, got " + item);
            }
        });
        return items;
    }
}
