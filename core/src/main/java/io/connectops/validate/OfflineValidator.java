package io.connectops.validate;

import io.connectops.model.Targets;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.Declarations;
import io.connectops.model.SourceLocation;

/**
 * Checks what needs no cluster: names declared twice, which cluster each connector belongs to.
 * (Field-level checks happen while loading, where the locations are.)
 *
 * <p>Cluster rules: with no ConnectCluster declared, every connector goes to {@code --connect-url};
 * with one, connectors without {@code spec.cluster} go to it (and {@code --connect-url}, when given,
 * replaces its URL, e.g. for a port-forward); with several, each connector must name its cluster.
 */
public final class OfflineValidator {
    private OfflineValidator() {
    }

    public static Targets resolve(Declarations declarations, String connectUrl) {
        return resolve(declarations, connectUrl, true);
    }

    /**
     * With {@code destinationRequired} false (offline {@code validate}), files that declare no
     * ConnectCluster are valid without --connect-url: a pull-request check needs no cluster. Their
     * connectors are checked (names, reserved keys) and returned under no cluster.
     */
    public static Targets resolve(Declarations declarations, String connectUrl, boolean destinationRequired) {
        return resolve(declarations, connectUrl, destinationRequired, null, Map.of());
    }

    /**
     * As {@link #resolve(Declarations, String, boolean)}, with {@code --bootstrap-server} and its client
     * properties ({@code --command-config}) as the Kafka cluster of topics, ACLs and users.
     */
    public static Targets resolve(Declarations declarations, String connectUrl, boolean destinationRequired, String bootstrapServer,
                                  Map<String, String> kafkaProperties) {
        List<Diagnostic> kafkaProblems = new ArrayList<>();
        List<Targets.KafkaTarget> kafka = KafkaTargets.resolve(declarations, bootstrapServer, kafkaProperties, destinationRequired,
                kafkaProblems);
        if (!destinationRequired && declarations.clusters().isEmpty() && (connectUrl == null || connectUrl.isBlank())) {
            checkWithoutClusters(declarations, kafkaProblems);
            return new Targets(List.of(), kafka, declarations.policies());
        }
        List<Diagnostic> problems = new ArrayList<>(kafkaProblems);
        Map<String, ConnectClusterSpec> clusters = new LinkedHashMap<>();
        for (ConnectClusterSpec declared : declarations.clusters()) {
            ConnectClusterSpec cluster = withKafkaOwnership(declared, declarations, problems);
            ConnectClusterSpec earlier = clusters.putIfAbsent(cluster.name(), cluster);
            if (earlier != null) {
                problems.add(new Diagnostic(cluster.source(), "ConnectCluster '" + cluster.name() + "' is declared twice (also at "
                        + earlier.source() + "): keep one"));
            }
        }
        URI overrideUrl = parseUrl(connectUrl, problems);
        boolean implicit = clusters.isEmpty();
        if (implicit && overrideUrl != null) {
            clusters.put(ConnectClusterSpec.DEFAULT_NAME, new ConnectClusterSpec(ConnectClusterSpec.DEFAULT_NAME, List.of(overrideUrl),
                    null, null, null, null, null, new SourceLocation("--connect-url", 0, 0)));
        } else if (clusters.size() == 1 && overrideUrl != null) {
            ConnectClusterSpec only = clusters.values().iterator().next();
            clusters.put(only.name(), new ConnectClusterSpec(only.name(), List.of(overrideUrl), only.auth(), only.tls(),
                    only.connectTimeout(), only.requestTimeout(), only.ownership(), only.source(), only.plugins()));
        }

        Map<String, List<ConnectorSpec>> byCluster = new LinkedHashMap<>();
        clusters.keySet().forEach(name -> byCluster.put(name, new ArrayList<>()));
        Map<String, ConnectorSpec> seen = new HashMap<>();
        for (ConnectorSpec connector : declarations.connectors()) {
            if (invalid(connector, problems)) {
                continue;
            }
            String cluster = clusterOf(connector, clusters, implicit, problems);
            if (cluster == null) {
                continue;
            }
            ConnectorSpec earlier = seen.putIfAbsent(cluster + "\u0000" + connector.name(), connector);
            if (earlier != null) {
                problems.add(new Diagnostic(connector.source(), "connector '" + connector.name() + "' is declared twice for cluster '"
                        + cluster + "' (also at " + earlier.source() + "): keep one"));
                continue;
            }
            byCluster.get(cluster).add(connector);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Targets.ClusterTarget> targets = new ArrayList<>();
        byCluster.forEach((name, connectors) -> targets.add(new Targets.ClusterTarget(clusters.get(name), connectors)));
        return new Targets(targets, kafka, declarations.policies());
    }

    /** A ConnectCluster whose ownership record is in a declared KafkaCluster gets that cluster's address and client properties. */
    private static ConnectClusterSpec withKafkaOwnership(ConnectClusterSpec cluster, Declarations declarations, List<Diagnostic> problems) {
        ConnectClusterSpec.Ownership ownership = cluster.ownership();
        if (ownership == null || ownership.kafkaCluster() == null) {
            return cluster;
        }
        return declarations.kafkaClusters().stream().filter(k -> k.name().equals(ownership.kafkaCluster())).findFirst()
                .map(kafka -> new ConnectClusterSpec(cluster.name(), cluster.urls(), cluster.auth(), cluster.tls(), cluster.connectTimeout(),
                        cluster.requestTimeout(), ownership.in(kafka), cluster.source(), cluster.plugins()))
                .orElseGet(() -> {
                    problems.add(new Diagnostic(cluster.source(), "ConnectCluster '" + cluster.name() + "': spec.ownership.kafkaCluster names '"
                            + ownership.kafkaCluster() + "', which is not a declared KafkaCluster (declared: " + String.join(", ",
                            declarations.kafkaClusters().stream().map(k -> k.name()).toList()) + ")"));
                    return cluster;
                });
    }

    private static void checkWithoutClusters(Declarations declarations, List<Diagnostic> found) {
        List<Diagnostic> problems = new ArrayList<>(found);
        Map<String, ConnectorSpec> seen = new HashMap<>();
        for (ConnectorSpec connector : declarations.connectors()) {
            if (invalid(connector, problems)) {
                continue;
            }
            String cluster = connector.cluster() == null ? "" : connector.cluster();
            ConnectorSpec earlier = seen.putIfAbsent(cluster + "\u0000" + connector.name(), connector);
            if (earlier != null) {
                problems.add(new Diagnostic(connector.source(), "connector '" + connector.name() + "' is declared twice"
                        + (cluster.isEmpty() ? "" : " for cluster '" + cluster + "'") + " (also at " + earlier.source() + "): keep one"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * Connect's naming rules, for every format (a ConfigMap's or a KafkaConnector's name too): not blank,
     * no surrounding spaces, no control characters; and no '/', "." or "..", which cannot be a path segment.
     */
    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "a connector needs a name";
        }
        if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
            return "connector name '" + name.strip() + "' has surrounding spaces or control characters";
        }
        if (name.equals(".") || name.equals("..") || name.contains("/")) {
            return "connector name '" + name + "' cannot be used in Connect's REST paths: no '/', and not '.' or '..'";
        }
        return null;
    }

    private static boolean invalid(ConnectorSpec connector, List<Diagnostic> problems) {
        String nameProblem = nameProblem(connector.name());
        if (nameProblem != null) {
            problems.add(new Diagnostic(connector.source(), nameProblem));
            return true;
        }
        if (!connector.config().containsKey(ConnectorSpec.OWNER_KEY)) {
            return false;
        }
        problems.add(new Diagnostic(connector.locationOf(ConnectorSpec.OWNER_KEY), "connector '" + connector.name() + "': '"
                + ConnectorSpec.OWNER_KEY + "' is connectops' own ownership record and is never declared: remove it "
                + "(set an owner id with spec.ownership.owner on the ConnectCluster)"));
        return true;
    }

    private static String clusterOf(ConnectorSpec connector, Map<String, ConnectClusterSpec> clusters, boolean implicit,
                                    List<Diagnostic> problems) {
        if (clusters.isEmpty()) {
            problems.add(new Diagnostic(connector.source(), "connector '" + connector.name() + "' has no Connect cluster to go to"
                    + (connector.cluster() == null ? "" : " (it names cluster '" + connector.cluster() + "', which is not declared with it)")
                    + ": declare a ConnectCluster, or give --connect-url (or CONNECTOPS_CONNECT_URL)"));
            return null;
        }
        if (implicit) {
            return ConnectClusterSpec.DEFAULT_NAME;
        }
        if (connector.cluster() == null) {
            if (clusters.size() == 1) {
                return clusters.keySet().iterator().next();
            }
            problems.add(new Diagnostic(connector.source(), "connector '" + connector.name() + "' must say which cluster it is for: "
                    + "add 'spec.cluster' (one of: " + String.join(", ", clusters.keySet()) + ")"));
            return null;
        }
        if (!clusters.containsKey(connector.cluster())) {
            problems.add(new Diagnostic(connector.source(), "connector '" + connector.name() + "' names unknown cluster '"
                    + connector.cluster() + "' (spec.cluster; for CFK spec.connectClusterRef.name, for Strimzi the strimzi.io/cluster "
                    + "label); declared clusters: " + String.join(", ", clusters.keySet()) + ". Name a ConnectCluster '"
                    + connector.cluster() + "', or change the reference"));
            return null;
        }
        return connector.cluster();
    }

    private static URI parseUrl(String connectUrl, List<Diagnostic> problems) {
        if (connectUrl == null || connectUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(connectUrl.trim());
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (RuntimeException e) {
            problems.add(new Diagnostic(new SourceLocation("--connect-url", 0, 0), "'" + connectUrl
                    + "' is not a Connect REST URL: write e.g. http://localhost:8083"));
            return null;
        }
    }
}
