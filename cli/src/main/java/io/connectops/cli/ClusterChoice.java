package io.connectops.cli;

import java.io.PrintWriter;
import java.util.List;

import io.connectops.connect.RetryPolicy;
import io.connectops.engine.ClusterSession;
import io.connectops.engine.Engine;
import io.connectops.model.Targets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * For commands that act on one cluster: --connect-url, or the ConnectCluster declared in -f files
 * (choose with --cluster when there are several).
 */
final class ClusterChoice {
    @Mixin
    Inputs inputs;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Which declared ConnectCluster (when -f declares several).")
    String cluster;

    ClusterSession session(ConnectopsCommand root, PrintWriter err) {
        Targets targets = inputs.load(root, err);
        if (targets.clusters().isEmpty()) {
            throw new IllegalArgumentException("no Connect cluster given: use --connect-url URL (or CONNECTOPS_CONNECT_URL), "
                    + "or -f files that declare a ConnectCluster");
        }
        List<ClusterSession> sessions = new Engine(targets, RetryPolicy.DEFAULT, root.redactor(), root.passwords()).sessions(ClusterSession.class);
        if (cluster != null) {
            ClusterSession session = sessions.stream().filter(s -> s.name().equals(cluster)).findFirst().orElse(null);
            if (session == null) {
                throw new IllegalArgumentException("no cluster '" + cluster + "' is declared; declared: "
                        + String.join(", ", targets.clusters().stream().map(Targets.ClusterTarget::name).toList()));
            }
            return session;
        }
        if (targets.clusters().size() > 1) {
            throw new IllegalArgumentException("the files declare several clusters ("
                    + String.join(", ", targets.clusters().stream().map(Targets.ClusterTarget::name).toList()) + "): choose one with --cluster");
        }
        return sessions.get(0);
    }
}
