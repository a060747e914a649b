package io.connectops.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The root command. Its subcommands are registered by {@link Main} ({@link #SUBCOMMANDS}), all of them
 * for help and tests, only the one named for a one-shot run: picocli builds every registered command's
 * model by reflection, which is most of a one-shot command's start-up. Global options are declared here once with {@code scope = INHERIT}, so they may
 * be written before or after the subcommand; subcommands read them through {@code @ParentCommand}.
 */
@Command(name = "connectops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kafka Connect the GitOps way: declare connectors in files, plan, apply, heal.",
        subcommandsRepeatable = false)
public final class ConnectopsCommand implements java.util.concurrent.Callable<Integer> {
    /** Every subcommand, in the order help lists them. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            ValidateCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            StatusCommand.class,
            SyncCommand.class,
            OperatorCommand.class,
            ExportCommand.class,
            AdoptCommand.class,
            ConvertCommand.class,
            KeygenCommand.class,
            SealCommand.class,
            ConnectorActionCommand.Restart.class,
            ConnectorActionCommand.Pause.class,
            ConnectorActionCommand.Resume.class,
            ConnectorActionCommand.Stop.class,
            ConnectorActionCommand.Delete.class,
            OffsetsCommand.class,
            PluginsCommand.class,
            PoliciesCommand.class,
            TeamsCommand.class,
            CompareCommand.class,
            DevCommand.class,
            DemoCommand.class,
            CompletionCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--connect-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:CONNECTOPS_CONNECT_URL}",
            description = "Kafka Connect REST URL when the files declare no ConnectCluster (env CONNECTOPS_CONNECT_URL).")
    String connectUrl;

    @Option(names = "--bootstrap-server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            defaultValue = "${env:CONNECTOPS_BOOTSTRAP_SERVER}",
            description = "Kafka for topics, ACLs and users when the files declare no KafkaCluster (env CONNECTOPS_BOOTSTRAP_SERVER).")
    String bootstrapServer;

    @Option(names = "--command-config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Kafka client properties for --bootstrap-server (SASL, TLS), as Kafka's own tools take them.")
    java.nio.file.Path commandConfig;

    @Option(names = "--passwords-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:CONNECTOPS_PASSWORDS_DIR:-.connectops/passwords}",
            description = "Where generated user passwords are kept (a User's passwordFile is a relative path inside it; absolute "
                    + "paths, '..' and links are refused) (default: ${DEFAULT-VALUE}, env CONNECTOPS_PASSWORDS_DIR).")
    java.nio.file.Path passwordsDir;

    @Option(names = "--policy", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Policy files or directories (repeatable) every declaration must pass, beside any Policy among the -f files "
                    + "(docs/policies.md).")
    List<String> policyPaths = new java.util.ArrayList<>();

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More output: Kafka's own logs, stack traces on errors.")
    boolean verbose;

    private final Map<String, String> environment;
    /** This run's: every secret the run learns is registered with it, and everything it prints passes it. */
    private final io.connectops.secrets.Redactor redactor;

    public ConnectopsCommand() {
        this(System.getenv(), new io.connectops.secrets.Redactor());
    }

    ConnectopsCommand(Map<String, String> environment, io.connectops.secrets.Redactor redactor) {
        this.environment = Map.copyOf(environment);
        this.redactor = redactor;
    }

    public io.connectops.secrets.Redactor redactor() {
        return redactor;
    }

    /** The environment templates may read ({@code {{ env.X }}}); injected so tests need not change the real one. */
    public Map<String, String> environment() {
        return environment;
    }

    public String connectUrl() {
        return connectUrl;
    }

    public String bootstrapServer() {
        return bootstrapServer;
    }

    /** The --command-config properties (read bounded), or none. */
    public Map<String, String> kafkaProperties() {
        if (commandConfig == null) {
            return Map.of();
        }
        try {
            java.util.Properties properties = new java.util.Properties();
            properties.load(new java.io.StringReader(io.connectops.files.BoundedFiles.read(commandConfig)));
            Map<String, String> result = new java.util.HashMap<>();
            properties.forEach((k, v) -> result.put(k.toString(), v.toString()));
            return result;
        } catch (java.io.IOException e) {
            throw new io.connectops.model.InvalidInputException(List.of(new io.connectops.model.Diagnostic(
                    new io.connectops.model.SourceLocation(commandConfig.toString(), 0, 0), "cannot read --command-config: " + e.getMessage())));
        }
    }

    /** --policy paths, as given. */
    public List<String> policyPaths() {
        return List.copyOf(policyPaths);
    }

    public java.nio.file.Path passwordsDir() {
        return passwordsDir == null ? io.connectops.apply.PasswordStore.DEFAULT_DIR : passwordsDir;
    }

    /** Generated user passwords, as files under {@link #passwordsDir()}. */
    public io.connectops.apply.PasswordStore passwords() {
        return io.connectops.apply.PasswordStore.files(passwordsDir());
    }

    public OutputFormat output() {
        return output;
    }

    public boolean verbose() {
        return verbose;
    }

    /** No command given: the usage, on stderr, and exit 1 (a script that forgot its command must not look successful). */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: no command given");
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCodes.ERROR;
    }
}
