package io.connectops.model;

import java.util.List;

/**
 * The declarations resolved per target: each Connect cluster with the connectors declared for it, each
 * Kafka cluster with its topics, ACL sets and users; and the policies every change must pass.
 */
public record Targets(List<ClusterTarget> clusters, List<KafkaTarget> kafka, List<PolicySpec> policies) {
    public Targets {
        clusters = List.copyOf(clusters);
        kafka = List.copyOf(kafka);
        policies = List.copyOf(policies);
    }

    public Targets(List<ClusterTarget> clusters, List<KafkaTarget> kafka) {
        this(clusters, kafka, List.of());
    }

    public Targets(List<ClusterTarget> clusters) {
        this(clusters, List.of());
    }

    /** These targets with their resources' owners by team (docs/teams.md). */
    public Targets withTeams(TeamOwners teams) {
        return new Targets(clusters.stream().map(c -> new ClusterTarget(c.cluster(), c.connectors(), teams)).toList(),
                kafka.stream().map(k -> k.withTeams(teams)).toList(), policies);
    }

    /** Some of these targets, with the same policies. */
    public Targets only(List<ClusterTarget> clusters, List<KafkaTarget> kafka) {
        return new Targets(clusters, kafka, policies);
    }

    /** @param teams which owner id each connector is made under, and whose this run may prune (docs/teams.md) */
    public record ClusterTarget(ConnectClusterSpec cluster, List<ConnectorSpec> connectors, TeamOwners teams) {
        public ClusterTarget {
            connectors = List.copyOf(connectors);
        }

        public ClusterTarget(ConnectClusterSpec cluster, List<ConnectorSpec> connectors) {
            this(cluster, connectors, TeamOwners.NONE);
        }

        public String name() {
            return cluster.name();
        }
    }

    /**
     * @param resources the declared resources of kinds added as plug-ins (client quotas)
     * @param teams     which owner id each resource is made under, and whose this run may prune (docs/teams.md)
     */
    public record KafkaTarget(KafkaClusterSpec cluster, List<TopicSpec> topics, List<AclSpec> acls, List<UserSpec> users,
                              List<KafkaResource> resources, TeamOwners teams) {
        public KafkaTarget {
            topics = List.copyOf(topics);
            acls = List.copyOf(acls);
            users = List.copyOf(users);
            resources = List.copyOf(resources);
        }

        public KafkaTarget(KafkaClusterSpec cluster, List<TopicSpec> topics, List<AclSpec> acls, List<UserSpec> users,
                           List<KafkaResource> resources) {
            this(cluster, topics, acls, users, resources, TeamOwners.NONE);
        }

        public KafkaTarget(KafkaClusterSpec cluster, List<TopicSpec> topics, List<AclSpec> acls, List<UserSpec> users) {
            this(cluster, topics, acls, users, List.of());
        }

        public KafkaTarget withTeams(TeamOwners teams) {
            return new KafkaTarget(cluster, topics, acls, users, resources, teams);
        }

        /** The declared resources of one plug-in kind. */
        public List<KafkaResource> resources(String kind) {
            return resources.stream().filter(r -> r.kind().equals(kind)).toList();
        }

        public String name() {
            return cluster.name();
        }
    }

    public int connectorCount() {
        return clusters.stream().mapToInt(c -> c.connectors().size()).sum();
    }
}
