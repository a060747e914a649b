package io.connectops.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.controller.ControllerOptions;
import io.connectops.controller.HttpEndpoints;
import io.connectops.operator.LeaseLeadership;
import io.connectops.operator.Operator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {"Run as a Kubernetes operator until Ctrl-C: Connector and ConnectCluster resources and streaming-ops ConfigMaps",
            "(destination: connect / ccloud) in the watched namespaces are applied, kept, healed, and their status written back.",
            "Reaches the API server as kubectl does (in a pod: its service account). Serves /healthz, /readyz, /status, /metrics."})
final class OperatorCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", split = ",", defaultValue = "${env:CONNECTOPS_NAMESPACES}",
            description = "Namespaces to watch, repeatable or comma-separated (env CONNECTOPS_NAMESPACES); none: all (needs a cluster role).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--watch", paramLabel = "TOOL", split = ",",
            description = "Also watch another tool's kinds, for a migration where its operator does not run: cfk (Connector, KafkaTopic), "
                    + "strimzi (KafkaConnector, KafkaTopic, KafkaUser).")
    List<String> watch = new ArrayList<>();

    @Option(names = "--resync", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often to compare with the live state and correct drift (default: ${DEFAULT-VALUE}).")
    Duration resync;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = ".connectops/operator",
            description = "The operator's memory (restart tokens) (default: ${DEFAULT-VALUE}).")
    Path cacheDir;

    @Option(names = "--listen", defaultValue = "0.0.0.0:8080", paramLabel = "HOST:PORT",
            description = "The HTTP endpoints for probes and Prometheus (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--status-token-file", paramLabel = "FILE",
            description = "A token /status, /api and the dashboard's data require as 'Authorization: Bearer TOKEN' (or env "
                    + "CONNECTOPS_STATUS_TOKEN); without one they are closed, unless --listen is a loopback address. A missing file "
                    + "counts as none (a Secret mounted as optional).")
    Path statusTokenFile;

    @Option(names = "--leader-election-namespace", paramLabel = "NAMESPACE", defaultValue = "${env:CONNECTOPS_LEADER_ELECTION_NAMESPACE}",
            description = "Run as one of several replicas: a Lease in this namespace (usually the operator's own) picks the one that acts.")
    String leaseNamespace;

    @Option(names = "--leader-election-lease", defaultValue = "connectops-operator", description = "The Lease's name (default: ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--installer-image", paramLabel = "IMAGE", defaultValue = "${env:CONNECTOPS_IMAGE}",
            description = "The image whose 'connectops plugins install' runs in the init container of the workers the operator runs "
                    + "(env CONNECTOPS_IMAGE; default connectops:VERSION, the image the operator is built as).")
    String installerImage;

    @Mixin
    ReconcileOptions reconcile = new ReconcileOptions();

    @Mixin
    VariableOptions variables = new VariableOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = new StopSignal();
        Map<String, String> env = root.environment();
        String statusToken = SyncCommand.secret(root.redactor(), statusTokenFile != null && !java.nio.file.Files.exists(statusTokenFile) ? null
                : statusTokenFile, env.get("CONNECTOPS_STATUS_TOKEN"));
        // Relative variable paths mean the operator's own files (mounted ConfigMaps and Secrets), not a repository's.
        ControllerOptions options = reconcile.applyTo(ControllerOptions.builder("kubernetes", cacheDir)).interval(resync).resync(resync)
                .variables(variables.valuesFiles.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                        variables.varsDirs.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                        variables.secretsDirs.stream().map(p -> p.toAbsolutePath().toString()).toList(), variables.privateKeyPem())
                .environment(variables.allowedEnvironment(env), variables.secretEnvPatterns(env))
                .connectUrl(root.connectUrl())
                .policyPaths(root.policyPaths().stream().map(p -> java.nio.file.Path.of(p).toAbsolutePath().toString()).toList()).build();
        List<String> watched = namespaces.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        KubernetesClient client = new KubernetesClientBuilder().build();
        String identity = env.getOrDefault("HOSTNAME", "connectops") + "-" + ProcessHandle.current().pid();
        boolean elect = leaseNamespace != null && !leaseNamespace.isBlank();
        List<io.connectops.operator.ForeignKind> foreign = watch.stream().map(String::strip)
                .flatMap(tool -> io.connectops.operator.ForeignKind.of(tool).stream()).toList();
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        // Leadership lost (renewals refused past the deadline): exit non-zero so Kubernetes restarts the pod as a candidate.
        Runnable onLost = () -> {
            lost.set(true);
            spec.commandLine().getErr().println("error: lost the leadership of Lease " + leaseNamespace + "/" + leaseName + ": exiting to rejoin");
            stop.stopNow();
        };
        Operator operator = new Operator(client, watched, foreign, options, onChange -> elect ? new LeaseLeadership(client, leaseNamespace, leaseName,
                identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), onChange).whenLost(onLost) : null,
                Duration.ofSeconds(1),
                installerImage == null || installerImage.isBlank() ? Operator.DEFAULT_INSTALLER_IMAGE : installerImage, root.redactor());
        InetSocketAddress address = SyncCommand.address(listen);
        // Live configs and errors of every watched namespace: never open to whoever reaches the pod.
        HttpEndpoints http = new HttpEndpoints(address, operator.controller(), null, statusToken, !address.getAddress().isLoopbackAddress());
        http.start();
        out.println("watching " + (watched.isEmpty() ? "all namespaces" : "namespaces " + String.join(", ", watched)) + " on "
                + client.getMasterUrl() + ": resync every " + resync.toSeconds() + " s" + (reconcile.noSelfHeal ? " (self-heal off)" : ""));
        out.println("http: /healthz /readyz /status /metrics on " + listen.replaceFirst(":\\d+$", "") + ":" + http.port());
        out.println(elect ? "leader election: Lease " + leaseNamespace + "/" + leaseName + " as " + identity
                : "single operator (no --leader-election-namespace)");
        out.flush();
        operator.start();
        stop.await();
        out.println("stopping: finishing in-flight calls (at most " + reconcile.shutdownTimeout.toSeconds() + " s)");
        out.flush();
        operator.close();
        http.close();
        client.close();
        out.println("stopped");
        out.flush();
        return lost.get() ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
