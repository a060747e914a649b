package io.connectops.model;

import java.util.List;
import java.util.Locale;

/**
 * The complete ACL set of one principal: for a principal connectops manages, the live ACLs are made
 * equal to these (what is not declared is removed); other principals' ACLs are never touched.
 *
 * @param principal e.g. {@code User:orders-app}
 * @param cluster   the KafkaCluster, or null for the only one
 */
public record AclSpec(String principal, String cluster, boolean clusterIsHint, List<Rule> rules, SourceLocation source) {
    public AclSpec {
        rules = List.copyOf(rules);
    }

    public enum ResourceType { TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID }

    public enum PatternType { LITERAL, PREFIXED }

    public enum Permission { ALLOW, DENY }

    /** Kafka's ACL operations, as written in files (read, write, describe-configs, ...). */
    public enum Operation {
        ALL, READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE;

        /** "describe-configs", "DescribeConfigs", "DESCRIBE_CONFIGS" all name one operation. */
        public static Operation parse(String text) {
            String key = text.trim().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
            for (Operation operation : values()) {
                if (operation.name().replace("_", "").equals(key)) {
                    return operation;
                }
            }
            return null;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One ACL: who may (or may not) do what on which resource from which host. The cluster resource
     * is always named "kafka-cluster".
     */
    public record Rule(ResourceType resourceType, String resourceName, PatternType patternType, Operation operation,
                       Permission permission, String host, SourceLocation source) {
        public static final String CLUSTER_RESOURCE = "kafka-cluster";

        /** The rule as one comparable line; equal lines are the same ACL (source aside). */
        public String key() {
            return permission.name().toLowerCase(Locale.ROOT) + " " + operation.label() + " on "
                    + resourceType.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + resourceName
                    + (patternType == PatternType.PREFIXED ? " (prefixed)" : "") + " from " + host;
        }

        public Rule withoutSource() {
            return new Rule(resourceType, resourceName, patternType, operation, permission, host, null);
        }
    }
}
