package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectops.engine.ClusterSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = {"Take ownership of existing connectors, so prune may delete them once they leave the files.",
            "Kafka resources too, named topic/NAME, acl/PRINCIPAL (the principal's whole ACL set) or user/NAME, on the KafkaCluster of -f "
                    + "(or --bootstrap-server): an ACL set connectops owns is then made equal to the file's."})
final class AdoptCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterChoice choice;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Connector name(s), or topic/NAME, acl/PRINCIPAL, user/NAME.")
    List<String> names;

    @picocli.CommandLine.Option(names = "--kafka-cluster", paramLabel = "NAME",
            description = "Which declared KafkaCluster, for topic/, acl/ and user/ names (when -f declares several).")
    String kafkaCluster;

    static boolean isKafkaResource(String name) {
        return name.startsWith("topic/") || name.startsWith("acl/") || name.startsWith("user/");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> kafkaResources = names.stream().filter(AdoptCommand::isKafkaResource).distinct().toList();
        if (!kafkaResources.isEmpty()) {
            adoptKafka(kafkaResources, out);
        }
        List<String> connectors = names.stream().filter(n -> !isKafkaResource(n)).toList();
        if (connectors.isEmpty()) {
            return ExitCodes.OK;
        }
        names = connectors;
        ClusterSession session = choice.session(root, spec.commandLine().getErr());
        io.connectops.connect.LiveState state = session.client().readAll();
        java.util.Map<String, io.connectops.connect.LiveConnector> live = state.connectors();
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(live.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no such connector on cluster '" + session.name() + "': " + String.join(", ", missing));
        }
        // Through the gate: only a connector nobody claims is taken over; another owner's, or one of unknown owner, never.
        io.connectops.ownership.Ownership owners = session.ownership().read(state, session.client());
        java.util.Map<io.connectops.model.ResourceId, io.connectops.ownership.Owner> byId = new java.util.HashMap<>();
        names.forEach(n -> byId.put(io.connectops.model.ResourceId.connector(session.name(), n), owners.of(n)));
        io.connectops.gate.WriteGate gate = io.connectops.gate.WriteGate.of(byId, List.of());
        List<String> refused = new ArrayList<>();
        for (String n : names.stream().distinct().toList()) {
            io.connectops.gate.WriteGate.Verdict verdict = gate.check(io.connectops.model.ResourceId.connector(session.name(), n),
                    io.connectops.gate.WriteKind.CLAIM);
            if (!verdict.allowed()) {
                refused.add(verdict.reason());
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", refused) + "; nothing adopted");
        }
        names.forEach(n -> gate.claim(io.connectops.model.ResourceId.connector(session.name(), n)));
        session.ownership().adopt(names.stream().distinct().map(live::get).toList(),
                new io.connectops.gate.GatedConnectApi(session.client(), session.name(), gate));
        out.println("adopted " + names.size() + " connector(s) on cluster '" + session.name() + "' (recorded in "
                + session.ownership().describe() + ")");
        out.flush();
        return ExitCodes.OK;
    }

    /** Claims existing Kafka resources for this owner id; refused for what is missing, protected or another owner's. */
    private void adoptKafka(List<String> resources, PrintWriter out) {
        io.connectops.model.Targets targets = choice.inputs.load(root, spec.commandLine().getErr());
        List<io.connectops.model.Targets.KafkaTarget> candidates = targets.kafka().stream()
                .filter(k -> kafkaCluster == null || k.name().equals(kafkaCluster)).toList();
        if (candidates.size() != 1) {
            throw new IllegalArgumentException(candidates.isEmpty()
                    ? "no Kafka cluster " + (kafkaCluster == null ? "given" : "'" + kafkaCluster + "' declared")
                    + ": use --bootstrap-server HOST:PORT, or -f files that declare a KafkaCluster"
                    : "the files declare several Kafka clusters: choose one with --kafka-cluster");
        }
        io.connectops.model.Targets.KafkaTarget target = candidates.get(0);
        try (io.connectops.engine.KafkaSession session = io.connectops.engine.KafkaSession.connect(target, root.redactor())) {
            io.connectops.kafka.KafkaLive live = io.connectops.kafka.KafkaObserver.read(target, session.admin(), session.claims());
            if (live.claimsProblem() != null) {
                throw new IllegalStateException(live.claimsProblem());
            }
            io.connectops.plan.ClaimOwners owners = new io.connectops.plan.ClaimOwners(live, target.cluster().owner());
            List<String> problems = new ArrayList<>();
            List<io.connectops.kafka.ResourceClaims.Claim> claims = new ArrayList<>();
            for (String resource : resources) {
                String name = resource.substring(resource.indexOf('/') + 1);
                boolean exists = switch (resource.substring(0, resource.indexOf('/'))) {
                    case "topic" -> live.topics().contains(name);
                    case "acl" -> live.acls() != null && live.acls().containsKey(name);
                    default -> live.users() != null && live.users().containsKey(name);
                };
                if (!exists) {
                    problems.add(resource + " does not exist on Kafka cluster '" + target.name() + "'");
                } else if (resource.startsWith("topic/") && io.connectops.plan.KafkaPlanner.isProtected(name, target.cluster())) {
                    problems.add(resource + " is an internal or protected topic: connectops never deletes it, so it is not adopted");
                } else {
                    // Through the write gate: only what nobody claims (or this owner already does) is taken over.
                    io.connectops.model.ResourceId id = io.connectops.model.ResourceId.fromClaimKey(target.name(), resource);
                    io.connectops.gate.WriteGate.Verdict verdict = io.connectops.gate.WriteGate.of(java.util.Map.of(id, owners.of(resource)),
                            List.of()).check(id, io.connectops.gate.WriteKind.CLAIM);
                    if (!verdict.allowed()) {
                        problems.add(verdict.reason());
                    } else {
                        claims.add(new io.connectops.kafka.ResourceClaims.Claim(live.clusterId(), resource, target.cluster().owner(),
                                java.util.Map.of(), null));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems) + " (nothing adopted)");
            }
            session.claims().write(claims);
            out.println("adopted " + claims.size() + " Kafka resource(s) on Kafka cluster '" + target.name() + "' (recorded in "
                    + session.claims().describe() + ", owner '" + target.cluster().owner() + "')");
            out.flush();
        }
    }
}
