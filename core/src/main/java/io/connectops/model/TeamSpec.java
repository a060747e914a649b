package io.connectops.model;

import java.util.List;
import java.util.Set;

/**
 * A team: where its declarations live, and the names and clusters they may use (docs/teams.md). A declaration under
 * one of its {@code paths} (files) or in one of its {@code namespaces} (the operator) belongs to it.
 *
 * @param paths      directories relative to the repository (for the CLI: the working directory), with a trailing '/'
 * @param owns       name prefixes by what they name: topics, connectors, groups, principals ("User:orders-"), users
 * @param clusters   the Connect and Kafka clusters it may use; empty means none is checked
 */
public record TeamSpec(String name, List<String> paths, Set<String> namespaces, Owns owns, Set<String> clusters, SourceLocation source) {
    public TeamSpec {
        paths = List.copyOf(paths);
        namespaces = Set.copyOf(namespaces);
        clusters = Set.copyOf(clusters);
    }

    /** Name prefixes a team's declarations must use. An empty list allows none of that kind. */
    public record Owns(List<String> topics, List<String> connectors, List<String> groups, List<String> principals) {
        public Owns {
            topics = List.copyOf(topics);
            connectors = List.copyOf(connectors);
            groups = List.copyOf(groups);
            principals = List.copyOf(principals);
        }

        public static boolean under(String name, List<String> prefixes) {
            return prefixes.stream().anyMatch(name::startsWith);
        }
    }
}
