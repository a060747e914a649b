package io.connectops.pipeline;

import java.io.InputStream;
import java.util.List;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.Declarations;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.Targets;
import io.connectops.policy.Policies;
import io.connectops.policy.PolicyObjects;
import io.connectops.policy.PolicyOutcome;
import io.connectops.render.VariableFiles;
import io.connectops.render.Variables;
import io.connectops.secrets.Redactor;
import io.connectops.validate.OfflineValidator;

/**
 * The stages every front end runs before it talks to a cluster, assembled once: read the variables and
 * the inputs, load and render every document, check what needs no cluster and the declared policies' rules that need
 * only the files (docs/policies.md). The CLI and the controller
 * (and next the operator) call this, so they cannot differ in what they accept. Any problem throws
 * {@link io.connectops.model.InvalidInputException} with every diagnostic of every file.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * What to read.
     *
     * @param paths               -f arguments: files, directories, "-" for {@code stdin}
     * @param connectUrl          --connect-url, or null
     * @param destinationRequired false for an offline check: files that name no cluster are valid without one
     * @param bootstrapServer     --bootstrap-server: the Kafka cluster of topics, ACLs and users when none is declared, or null
     * @param kafkaProperties     its client properties (--command-config)
     * @param policyPaths         --policy: files or directories of Policy and Team documents only
     * @param teamRoot            what team paths are relative to (the repository; the working directory when null)
     * @param namespace           under the operator: the namespace of every document (its team is the namespace's), or null
     */
    public record Request(List<String> paths, InputStream stdin, VariableFiles.Sources variables, String connectUrl,
                          boolean destinationRequired, String bootstrapServer, java.util.Map<String, String> kafkaProperties,
                          List<String> policyPaths, java.nio.file.Path teamRoot, String namespace) {
        public Request {
            paths = List.copyOf(paths);
            kafkaProperties = java.util.Map.copyOf(kafkaProperties);
            policyPaths = List.copyOf(policyPaths);
        }

        public Request(List<String> paths, InputStream stdin, VariableFiles.Sources variables, String connectUrl,
                       boolean destinationRequired, String bootstrapServer, java.util.Map<String, String> kafkaProperties) {
            this(paths, stdin, variables, connectUrl, destinationRequired, bootstrapServer, kafkaProperties, List.of(), null, null);
        }

        /** This request with Policy and Team files from {@code policyPaths} too. */
        public Request withPolicies(List<String> policyPaths) {
            return new Request(paths, stdin, variables, connectUrl, destinationRequired, bootstrapServer, kafkaProperties, policyPaths,
                    teamRoot, namespace);
        }

        /** Team paths relative to {@code root} (the repository). */
        public Request withTeamRoot(java.nio.file.Path root) {
            return new Request(paths, stdin, variables, connectUrl, destinationRequired, bootstrapServer, kafkaProperties, policyPaths,
                    root, namespace);
        }

        /** Every document of {@code namespace} (the operator): its team is the namespace's. */
        public Request inNamespace(String namespace) {
            return new Request(paths, stdin, variables, connectUrl, destinationRequired, bootstrapServer, kafkaProperties, policyPaths,
                    teamRoot, namespace);
        }

        /** Which team each declaration belongs to. */
        public io.connectops.policy.TeamMembership teams(List<io.connectops.model.TeamSpec> teams) {
            return namespace != null ? io.connectops.policy.TeamMembership.namespace(teams, namespace)
                    : io.connectops.policy.TeamMembership.files(teams, teamRoot == null ? java.nio.file.Path.of("") : teamRoot);
        }

        /** Without a default Kafka cluster (--bootstrap-server). */
        public Request(List<String> paths, InputStream stdin, VariableFiles.Sources variables, String connectUrl, boolean destinationRequired) {
            this(paths, stdin, variables, connectUrl, destinationRequired, null, java.util.Map.of());
        }
    }

    /**
     * What was read and what it declares.
     *
     * @param read     the input texts, by name (to say what was read when it declares nothing)
     * @param warnings documents skipped, fields ignored, violations of Warn policies: reported, not fatal
     * @param policies the declared policies, compiled: the engine checks planned changes against the rules that read
     *                 the live resource
     */
    public record Result(List<InputFiles.Input> read, Declarations declarations, Targets targets, List<Diagnostic> warnings,
                         Policies policies) {
        public Result {
            read = List.copyOf(read);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads, loads, renders and checks; every secret value the variables hold is registered with the run's {@code redactor} first. */
    public static Result run(Request request, Redactor redactor) {
        return run(InputFiles.read(request.paths(), request.stdin()), request, java.util.Map.of(), redactor);
    }

    /**
     * As {@link #run(Request, Redactor)}, with the input texts given rather than read from {@code request.paths()}: the
     * operator's documents come from the Kubernetes API, not from files.
     */
    public static Result run(List<InputFiles.Input> read, Request request, Redactor redactor) {
        return run(read, request, java.util.Map.of(), redactor);
    }

    /**
     * The policies of --policy paths, compiled and checked (a broken rule is an error at its file:line): they hold Policy
     * documents only (a platform team's rules are not a place to
     * declare resources from), read as written.
     */
    public static List<io.connectops.model.PolicySpec> policyFiles(List<String> paths) {
        return platformFiles(paths).policies();
    }

    /** The Policy and Team documents of --policy paths: the platform's rules (nothing else may be there). */
    public static Declarations platformFiles(List<String> paths) {
        List<InputFiles.Input> inputs = InputFiles.read(paths, InputStream.nullInputStream());
        Declarations declared = DeclarationLoader.load(inputs, Variables.none()).declarations();
        if (declared.resourceCount() > 0 || !declared.clusters().isEmpty() || !declared.kafkaClusters().isEmpty()) {
            throw new InvalidInputException(List.of(new Diagnostic(new io.connectops.model.SourceLocation("--policy " + String.join(" --policy ",
                    paths), 0, 0), "a --policy path holds Policy and Team documents only; it declares " + declared.resourceCount()
                    + " resource(s) and " + (declared.clusters().size() + declared.kafkaClusters().size()) + " cluster(s): move them to -f")));
        }
        io.connectops.policy.Policies.compile(declared.policies());
        return declared;
    }

    /** As {@link #run(List, Request, Redactor)}, with variables from another source beside the files' ({@code more} wins). */
    public static Result run(List<InputFiles.Input> read, Request request, java.util.Map<String, io.connectops.render.Variable> more,
                             Redactor redactor) {
        Variables variables = VariableFiles.load(request.variables()).with(more);
        variables.secretValues().forEach(redactor::register);
        DeclarationLoader.Result loaded = DeclarationLoader.load(read, variables, io.connectops.kinds.Kinds.readers());
        if (!request.policyPaths().isEmpty()) {
            Declarations platform = platformFiles(request.policyPaths());
            loaded = new DeclarationLoader.Result(loaded.declarations().withPolicies(platform.policies()).withTeams(platform.teams()),
                    loaded.warnings());
        }
        Targets targets = OfflineValidator.resolve(loaded.declarations(), request.connectUrl(), request.destinationRequired(),
                request.bootstrapServer(), request.kafkaProperties());
        List<PolicyObjects.PolicyObject> objects = PolicyObjects.of(targets, loaded.declarations());
        io.connectops.policy.TeamMembership membership = request.teams(loaded.declarations().teams());
        objects = membership.withTeams(objects);
        List<Diagnostic> outsideTeams = io.connectops.policy.TeamChecks.check(loaded.declarations(), objects, membership);
        if (!outsideTeams.isEmpty()) {
            throw new InvalidInputException(outsideTeams);
        }
        targets = targets.withTeams(membership.owners(objects, request.paths()));
        Policies policies = Policies.compile(loaded.declarations().policies());
        PolicyOutcome outcome = policies.check(objects);
        if (outcome.denied()) {
            throw new InvalidInputException(outcome.errors());
        }
        List<Diagnostic> warnings = new java.util.ArrayList<>(loaded.warnings());
        warnings.addAll(outcome.warnings());
        return new Result(read, loaded.declarations(), targets, warnings, policies);
    }
}
