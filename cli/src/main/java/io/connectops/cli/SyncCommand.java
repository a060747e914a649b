package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.controller.Controller;
import io.connectops.controller.ControllerOptions;
import io.connectops.controller.GitSource;
import io.connectops.controller.HttpEndpoints;
import io.connectops.controller.LeaderElection;
import io.connectops.secrets.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Follow a Git branch and keep the Connect clusters at what it declares, until Ctrl-C.",
            "Applies each commit, puts drift back, restarts failed connectors (restartPolicy), and serves",
            "/healthz, /readyz, /status, /metrics and POST /webhook."})
final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "URL|PATH", description = "The Git repository: https://..., ssh://..., git@host:path or a local path.")
    String repo;

    @Option(names = "--branch", defaultValue = "main", description = "The branch to follow (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--path", defaultValue = ".", description = "The folder in the repository with the declarations (default: the whole repository).")
    String path;

    @Option(names = "--interval", defaultValue = "30s", converter = DurationConverter.class, description = "How often to fetch (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--resync", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often to compare with the live state and correct drift, new commit or not (default: ${DEFAULT-VALUE}).")
    Duration resync;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where the working copy and the controller's memory live (default: .connectops/sync/<repo hash>).")
    Path cacheDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "HOST:PORT",
            description = "The HTTP endpoints (default: ${DEFAULT-VALUE}; 0.0.0.0:8080 for a probe or a webhook from outside, with --status-token-file).")
    String listen;

    @Option(names = "--status-token-file", paramLabel = "FILE",
            description = "A token /status then requires as 'Authorization: Bearer TOKEN' (or env CONNECTOPS_STATUS_TOKEN); probes and /metrics stay open.")
    Path statusTokenFile;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE", description = "The webhook secret (or env CONNECTOPS_WEBHOOK_SECRET); without one POST /webhook is refused.")
    Path webhookSecretFile;

    @Option(names = "--webhook-secret", paramLabel = "SECRET", description = "The webhook secret itself (visible to other users in the process list: prefer the file or env).")
    String webhookSecretValue;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "An HTTPS access token (or env CONNECTOPS_GIT_TOKEN).")
    Path gitTokenFile;

    @Option(names = "--git-username", defaultValue = "connectops", description = "The user name sent with the token (GitLab wants 'oauth2').")
    String gitUsername;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "A private key for ssh:// and git@ remotes.")
    Path sshKey;

    @Option(names = "--ssh-known-hosts", paramLabel = "FILE", description = "The host keys to trust (default: ~/.ssh/known_hosts); an unknown host is refused.")
    Path sshKnownHosts;

    @Option(names = "--leader-election-bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "${env:CONNECTOPS_LEADER_ELECTION_BOOTSTRAP_SERVERS}",
            description = "Run as one of several controllers: the Kafka consumer group on these brokers picks the one that acts.")
    String leaderBootstrap;

    @Option(names = "--leader-election-config", paramLabel = "FILE",
            description = "Kafka client settings for the election (SASL, TLS: a properties file, like a Kafka client's own).")
    Path leaderConfig;

    @Option(names = "--leader-election-group", defaultValue = "connectops", description = "The group (default: ${DEFAULT-VALUE}); one per repository and clusters.")
    String leaderGroup;

    @Mixin
    ReconcileOptions reconcile = new ReconcileOptions();

    @Mixin
    VariableOptions variables = new VariableOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = new StopSignal();
        Map<String, String> env = root.environment();
        String token = secret(root.redactor(), gitTokenFile, env.get("CONNECTOPS_GIT_TOKEN"));
        String webhookSecret = secret(root.redactor(), webhookSecretFile, webhookSecretValue != null ? webhookSecretValue : env.get("CONNECTOPS_WEBHOOK_SECRET"));
        String statusToken = secret(root.redactor(), statusTokenFile, env.get("CONNECTOPS_STATUS_TOKEN"));
        // user:token@ in the repository URL: taken out of the URL (which is printed and reported) into the credentials.
        io.connectops.secrets.UserInfo userInfo = io.connectops.secrets.UserInfo.split(repo);
        String repo = userInfo.url();
        if (userInfo.password() != null) {
            root.redactor().register(userInfo.password());
            if (token == null) {
                token = userInfo.password();
                gitUsername = userInfo.user();
            }
        }
        Path cache = cacheDir != null ? cacheDir : Path.of(".connectops", "sync", hash(repo + "#" + branch));
        GitSource.Auth auth = new GitSource.Auth(gitUsername, token, sshKey, sshKnownHosts);
        ControllerOptions options = reconcile.applyTo(ControllerOptions.builder(repo, cache)).branch(branch).path(path).gitAuth(auth)
                .interval(interval).resync(resync)
                .variables(variables.valuesFiles.stream().map(Path::toString).toList(), variables.varsDirs.stream().map(Path::toString).toList(),
                        variables.secretsDirs.stream().map(Path::toString).toList(), variables.privateKeyPem())
                .environment(variables.allowedEnvironment(env), variables.secretEnvPatterns(env))
                .connectUrl(root.connectUrl()).passwordsDir(root.passwordsDir())
                .policyPaths(root.policyPaths()).build();
        Controller[] controller = new Controller[1];
        LeaderElection election = leaderBootstrap == null || leaderBootstrap.isBlank() ? null
                : new LeaderElection(leaderBootstrap, leaderGroup, clientProperties(leaderConfig, root.redactor()), () -> controller[0].leadershipChanged());
        controller[0] = new Controller(options, new GitSource(repo, branch, cache, auth), election, Clock.systemUTC(), root.redactor());
        InetSocketAddress listenAddress = address(listen);
        if (!listenAddress.getAddress().isLoopbackAddress() && statusToken == null) {
            spec.commandLine().getErr().println("warning: /status on " + listen + " is open to anyone who can reach it (commit messages, "
                    + "errors): give --status-token-file, or listen on 127.0.0.1");
        }
        HttpEndpoints http = new HttpEndpoints(listenAddress, controller[0], webhookSecret, statusToken);
        http.start();
        out.println("following " + repo + " branch " + branch + (path.equals(".") ? "" : " path " + path) + ": fetch every "
                + interval.toSeconds() + " s, resync every " + resync.toSeconds() + " s" + (reconcile.noSelfHeal ? " (self-heal off)" : ""));
        out.println("http: /healthz /readyz /status /metrics /webhook on " + listen.replaceFirst(":\\d+$", "") + ":" + http.port()
                + (webhookSecret == null ? " (webhook disabled: no secret)" : ""));
        out.println(election == null ? "single controller (no --leader-election-bootstrap-servers)" : "leader election: " + election.describe());
        out.flush();
        if (election != null) {
            election.start();
        }
        controller[0].start();
        stop.await();
        out.println("stopping: finishing in-flight calls (at most " + reconcile.shutdownTimeout.toSeconds() + " s)");
        out.flush();
        controller[0].close();
        http.close();
        out.println("stopped");
        out.flush();
        return ExitCodes.OK;
    }

    /** A secret from a file or the environment, registered so it never prints; null when neither has one. */
    static String secret(Redactor redactor, Path file, String fromEnv) throws IOException {
        String value = file != null ? Files.readString(file).strip() : fromEnv;
        if (value != null && !value.isEmpty()) {
            redactor.register(value);
            return value;
        }
        return null;
    }

    /** A Kafka client properties file (its values, SASL passwords included, are never printed). */
    static Map<String, String> clientProperties(Path file, Redactor redactor) throws java.io.IOException {
        if (file == null) {
            return Map.of();
        }
        java.util.Properties properties = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Map<String, String> map = new java.util.TreeMap<>();
        properties.forEach((k, v) -> {
            map.put(k.toString(), v.toString());
            if (io.connectops.plan.Sensitivity.SENSITIVE_KEY.matcher(k.toString()).matches()) {
                redactor.register(v.toString());
            }
        });
        return map;
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen '" + hostPort + "': write HOST:PORT, e.g. 0.0.0.0:8080");
        }
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private static String hash(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 6);
    }
}
