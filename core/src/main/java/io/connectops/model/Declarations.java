package io.connectops.model;

import java.util.List;

/** Everything the input files declared, converted to the native model and checked. */
public record Declarations(List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors, List<KafkaClusterSpec> kafkaClusters,
                           List<TopicSpec> topics, List<AclSpec> acls, List<UserSpec> users, List<KafkaResource> kafkaResources,
                           List<PolicySpec> policies, List<TeamSpec> teams) {
    public Declarations {
        policies = List.copyOf(policies);
        teams = List.copyOf(teams);
        kafkaResources = List.copyOf(kafkaResources);
        clusters = List.copyOf(clusters);
        connectors = List.copyOf(connectors);
        kafkaClusters = List.copyOf(kafkaClusters);
        topics = List.copyOf(topics);
        acls = List.copyOf(acls);
        users = List.copyOf(users);
    }

    /** Without policies. */
    public Declarations(List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors, List<KafkaClusterSpec> kafkaClusters,
                        List<TopicSpec> topics, List<AclSpec> acls, List<UserSpec> users, List<KafkaResource> kafkaResources) {
        this(clusters, connectors, kafkaClusters, topics, acls, users, kafkaResources, List.of(), List.of());
    }

    /** Without resources of plug-in kinds. */
    public Declarations(List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors, List<KafkaClusterSpec> kafkaClusters,
                        List<TopicSpec> topics, List<AclSpec> acls, List<UserSpec> users) {
        this(clusters, connectors, kafkaClusters, topics, acls, users, List.of());
    }

    /** Connect clusters and connectors only. */
    public Declarations(List<ConnectClusterSpec> clusters, List<ConnectorSpec> connectors) {
        this(clusters, connectors, List.of(), List.of(), List.of(), List.of());
    }

    /** These declarations with {@code more} teams. */
    public Declarations withTeams(List<TeamSpec> more) {
        List<TeamSpec> all = new java.util.ArrayList<>(teams);
        all.addAll(more);
        return new Declarations(clusters, connectors, kafkaClusters, topics, acls, users, kafkaResources, policies, all);
    }

    /** These declarations with {@code more} policies. */
    public Declarations withPolicies(List<PolicySpec> more) {
        List<PolicySpec> all = new java.util.ArrayList<>(policies);
        all.addAll(more);
        return new Declarations(clusters, connectors, kafkaClusters, topics, acls, users, kafkaResources, all, teams);
    }

    public static Declarations empty() {
        return new Declarations(List.of(), List.of());
    }

    /** Resources declared (clusters aside): what a run acts on. */
    public int resourceCount() {
        return connectors.size() + topics.size() + acls.size() + users.size() + kafkaResources.size();
    }
}
