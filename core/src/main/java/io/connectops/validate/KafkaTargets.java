package io.connectops.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.connectops.model.AclSpec;
import io.connectops.model.Declarations;
import io.connectops.model.Diagnostic;
import io.connectops.model.KafkaClusterSpec;
import io.connectops.model.KafkaResource;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;

/**
 * The Kafka half of offline validation: which KafkaCluster each topic, ACL set and user belongs to, names
 * Kafka accepts, nothing declared twice. Cluster rules, as for connectors: with no KafkaCluster declared,
 * everything goes to {@code --bootstrap-server}; with one, resources that name none go to it; with
 * several, each names its cluster. A name that came from another format's own cluster naming (a ccloud
 * ConfigMap's kafka entry, a Strimzi label) falls back to the only KafkaCluster when none has that name.
 */
final class KafkaTargets {
    /** Kafka's rule for topic names (Topic.validate). */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern USER_NAME = Pattern.compile("[^,=\\s][^,=]{0,254}");

    private KafkaTargets() {
    }

    static List<Targets.KafkaTarget> resolve(Declarations declarations, String bootstrapServer, Map<String, String> properties,
                                             boolean destinationRequired, List<Diagnostic> problems) {
        if (!destinationRequired && declarations.kafkaClusters().isEmpty() && (bootstrapServer == null || bootstrapServer.isBlank())) {
            // An offline check (a pull request) needs no cluster: check names, resolve nothing.
            declarations.topics().forEach(topic -> {
                String problem = topicNameProblem(topic.name());
                if (problem != null) {
                    problems.add(new Diagnostic(topic.source(), problem));
                }
            });
            return List.of();
        }
        Map<String, KafkaClusterSpec> clusters = new LinkedHashMap<>();
        for (KafkaClusterSpec cluster : declarations.kafkaClusters()) {
            KafkaClusterSpec earlier = clusters.putIfAbsent(cluster.name(), cluster);
            if (earlier != null) {
                problems.add(new Diagnostic(cluster.source(), "KafkaCluster '" + cluster.name() + "' is declared twice (also at "
                        + earlier.source() + "): keep one"));
            }
        }
        boolean given = bootstrapServer != null && !bootstrapServer.isBlank();
        SourceLocation flag = new SourceLocation("--bootstrap-server", 0, 0);
        if (clusters.isEmpty() && given) {
            clusters.put(KafkaClusterSpec.DEFAULT_NAME, new KafkaClusterSpec(KafkaClusterSpec.DEFAULT_NAME, bootstrapServer.trim(),
                    properties, null, null, Set.of(), flag));
        } else if (clusters.size() == 1 && given) {
            KafkaClusterSpec only = clusters.values().iterator().next();
            Map<String, String> merged = new HashMap<>(only.properties());
            merged.putAll(properties);
            clusters.put(only.name(), new KafkaClusterSpec(only.name(), bootstrapServer.trim(), merged, only.owner(), only.ownershipTopic(),
                    only.protectedTopics(), only.ownershipWriters(), only.source()));
        }
        Map<String, List<TopicSpec>> topics = new LinkedHashMap<>();
        Map<String, List<AclSpec>> acls = new LinkedHashMap<>();
        Map<String, List<UserSpec>> users = new LinkedHashMap<>();
        clusters.keySet().forEach(name -> {
            topics.put(name, new ArrayList<>());
            acls.put(name, new ArrayList<>());
            users.put(name, new ArrayList<>());
        });
        Map<String, SourceLocation> seen = new HashMap<>();
        for (TopicSpec topic : declarations.topics()) {
            String problem = topicNameProblem(topic.name());
            if (problem != null) {
                problems.add(new Diagnostic(topic.source(), problem));
                continue;
            }
            String cluster = clusterOf("topic '" + topic.name() + "'", topic.cluster(), topic.clusterIsHint(), topic.source(), clusters, problems);
            if (cluster != null && unique(seen, "topic", cluster, topic.name(), topic.source(), problems)) {
                topics.get(cluster).add(topic);
            }
        }
        for (AclSpec acl : declarations.acls()) {
            String cluster = clusterOf("the ACLs of " + acl.principal(), acl.cluster(), acl.clusterIsHint(), acl.source(), clusters, problems);
            if (cluster != null && unique(seen, "ACL set of", cluster, acl.principal(), acl.source(), problems)) {
                acls.get(cluster).add(acl);
            }
        }
        for (UserSpec user : declarations.users()) {
            if (!USER_NAME.matcher(user.name()).matches()) {
                problems.add(new Diagnostic(user.source(), "user name '" + user.name() + "' is not a SCRAM user name: no ',' or '=', "
                        + "at most 255 characters"));
                continue;
            }
            String cluster = clusterOf("user '" + user.name() + "'", user.cluster(), user.clusterIsHint(), user.source(), clusters, problems);
            if (cluster != null && unique(seen, "user", cluster, user.name(), user.source(), problems)) {
                users.get(cluster).add(user);
            }
        }
        // Resources of plug-in kinds: to their cluster, once each per kind and name.
        Map<String, List<KafkaResource>> resources = new LinkedHashMap<>();
        clusters.keySet().forEach(name -> resources.put(name, new ArrayList<>()));
        for (KafkaResource resource : declarations.kafkaResources()) {
            String cluster = clusterOf(resource.kind() + " '" + resource.name() + "'", resource.cluster(), resource.clusterIsHint(),
                    resource.source(), clusters, problems);
            if (cluster != null && unique(seen, resource.kind(), cluster, resource.name(), resource.source(), problems)) {
                resources.get(cluster).add(resource);
            }
        }
        List<Targets.KafkaTarget> targets = new ArrayList<>();
        Function<String, Boolean> used = name -> !topics.get(name).isEmpty() || !acls.get(name).isEmpty() || !users.get(name).isEmpty()
                || !resources.get(name).isEmpty() || declarations.kafkaClusters().stream().anyMatch(c -> c.name().equals(name));
        clusters.forEach((name, spec) -> {
            if (used.apply(name)) {
                targets.add(new Targets.KafkaTarget(spec, topics.get(name), acls.get(name), users.get(name), resources.get(name)));
            }
        });
        return targets;
    }

    static String topicNameProblem(String name) {
        if (name.equals(".") || name.equals("..") || !TOPIC_NAME.matcher(name).matches()) {
            return "'" + name + "' is not a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-', and not '.' or '..'";
        }
        if (name.startsWith("__")) {
            return "topic '" + name + "' starts with '__', Kafka's own internal topics: connectops does not manage them";
        }
        return null;
    }

    private static boolean unique(Map<String, SourceLocation> seen, String what, String cluster, String name, SourceLocation at,
                                  List<Diagnostic> problems) {
        SourceLocation earlier = seen.putIfAbsent(what + "\u0000" + cluster + "\u0000" + name, at);
        if (earlier != null) {
            problems.add(new Diagnostic(at, what + " '" + name + "' is declared twice for KafkaCluster '" + cluster + "' (also at "
                    + earlier + "): keep one" + (what.startsWith("ACL") ? " (a User's spec.acls is its principal's ACL set too)" : "")));
            return false;
        }
        return true;
    }

    private static String clusterOf(String what, String named, boolean hint, SourceLocation at, Map<String, KafkaClusterSpec> clusters,
                                    List<Diagnostic> problems) {
        if (clusters.isEmpty()) {
            problems.add(new Diagnostic(at, what + " has no Kafka cluster to go to: declare a KafkaCluster, or give --bootstrap-server"));
            return null;
        }
        if (named != null && clusters.containsKey(named)) {
            return named;
        }
        if ((named == null || hint) && clusters.size() == 1) {
            return clusters.keySet().iterator().next();
        }
        if (named == null) {
            problems.add(new Diagnostic(at, what + " must say which KafkaCluster it is for: add 'spec.cluster' (one of: "
                    + String.join(", ", clusters.keySet()) + ")"));
        } else {
            problems.add(new Diagnostic(at, what + " names unknown KafkaCluster '" + named + "'; declared: "
                    + String.join(", ", clusters.keySet()) + ". Name a KafkaCluster '" + named + "', or change the reference"));
        }
        return null;
    }
}
