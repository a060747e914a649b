package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.compare.Comparer;
import io.connectops.compare.Comparison;
import io.connectops.compare.Side;
import io.connectops.compare.Sides;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.Endpoints;
import io.connectops.connect.RetryPolicy;
import io.connectops.model.Declarations;
import io.connectops.model.Diagnostic;
import io.connectops.model.Targets;
import io.connectops.output.ComparisonOutput;
import io.connectops.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code connectops compare A B}: two environments, or files and what is live, resource by resource
 * (docs/compare.md). Exit 0 when equal (but for what is expected to differ), 2 when different, like {@code plan}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two sets of resources: files, a Git revision, or what is live on a Connect cluster.",
            "A side is PATH (a file or directory; - for standard input), git:REF or git:REF:PATH (this repository at that revision), "
                    + "live:URL (a Connect cluster's REST URL) or live:PATH (the live clusters the files at PATH declare).",
            "Exit 0 when equal but for what is expected to differ, 2 when different."})
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first side.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The second side.")
    String b;

    @Option(names = "--expect", paramLabel = "PATTERN",
            description = "A key expected to differ between the two (a glob: database.hostname, *.url; or RESOURCE:KEY, "
                    + "Connector/orders-*:topic.prefix): shown apart, not counted. Repeatable.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--expected-differences", paramLabel = "FILE",
            description = "A YAML file with 'expectedDifferences: [PATTERN, ...]', declared once for a repository.")
    Path expectedFile;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The Git repository git: sides read (default: here).")
    Path repository;

    @Option(names = "--all", description = "live:PATH: every connector of the clusters, not only those the files declare or their owner "
            + "id manages (other owners' connectors on a shared cluster are left out by default).")
    boolean all;

    @Mixin
    VariableOptions variables = new VariableOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> patterns = new ArrayList<>(expect);
        if (expectedFile != null) {
            patterns.addAll(readExpected(expectedFile));
        }
        // Both sides read and checked before anything is printed: a bad side changes nothing and says where.
        Side left = side(a);
        Side right = side(b);
        Comparison comparison = new Comparer(patterns).compare(left, right);
        switch (root.output()) {
            case json, yaml -> out.print(ComparisonOutput.json(comparison));
            case markdown -> out.print(ComparisonOutput.markdown(comparison));
            default -> out.print(ComparisonOutput.text(comparison));
        }
        out.flush();
        return comparison.equal() ? ExitCodes.OK : ExitCodes.CHANGES_PENDING;
    }

    private Side side(String given) throws Exception {
        if (given.startsWith("live:")) {
            String rest = given.substring("live:".length());
            if (rest.startsWith("http://") || rest.startsWith("https://")) {
                if (URI.create(rest).getRawUserInfo() != null) {
                    // As everywhere else a URL is given: credentials never ride in it (it is printed, logged, kept in history).
                    throw new IllegalArgumentException("live:URL may not carry a user or password (user:pass@): declare the cluster in a "
                            + "file with spec.auth and a secret variable, and compare live:PATH");
                }
                return Sides.of(given, new ConnectClient(ConnectEndpoint.of("live", URI.create(rest)), RetryPolicy.DEFAULT).readAll());
            }
            Targets targets = load(rest, true).targets();
            Map<String, io.connectops.connect.LiveConnector> connectors = new LinkedHashMap<>();
            for (Targets.ClusterTarget target : targets.clusters()) {
                ConnectClient client = new ConnectClient(Endpoints.from(target.cluster()), RetryPolicy.DEFAULT);
                io.connectops.connect.LiveState live = client.readAll();
                // What this owner manages (and what the files declare); not every other owner's connector on a shared cluster.
                io.connectops.ownership.Ownership owners;
                try (io.connectops.ownership.OwnershipStore store = io.connectops.ownership.OwnershipStores.forCluster(target.cluster())) {
                    owners = store.read(live, client).scoped(target);
                }
                java.util.Set<String> declared = new java.util.HashSet<>();
                target.connectors().forEach(c -> declared.add(c.name()));
                live.connectors().forEach((name, connector) -> {
                    if (all || declared.contains(name) || owners.of(name).ours()) {
                        connectors.put(name, connector);
                    }
                });
            }
            return Sides.of(given, new io.connectops.connect.LiveState(connectors, false, Map.of()));
        }
        if (given.startsWith("git:")) {
            String rest = given.substring("git:".length());
            int colon = rest.indexOf(':');
            String ref = colon < 0 ? rest : rest.substring(0, colon);
            String path = colon < 0 ? null : rest.substring(colon + 1);
            Path dir = Files.createTempDirectory("connectops-compare-");
            try {
                GitRevisionFiles.extract(repository, ref, path, dir);
                Declarations declarations = load(path == null ? dir.toString() : dir.resolve(path).toString(), false).declarations();
                return relabel(Sides.of(given, declarations), dir.toString() + "/", ref + ":");
            } finally {
                deleteRecursively(dir);
            }
        }
        return Sides.of(given, load(given, false).declarations());
    }

    private Pipeline.Result load(String path, boolean destinationRequired) {
        Inputs inputs = new Inputs();
        inputs.paths.add(path);
        inputs.variableOptions = variables;
        return inputs.run(root, spec.commandLine().getErr(), destinationRequired);
    }

    /** Sources in a Git side named REF:path, not by the temporary directory they were read from. */
    private static Side relabel(Side side, String tempPrefix, String refPrefix) {
        Map<String, Side.Resource> resources = new LinkedHashMap<>();
        side.resources().forEach((id, r) -> resources.put(id, new Side.Resource(r.kind(), r.name(), r.settings(), r.secretKeys(),
                r.source() == null ? null : new io.connectops.model.SourceLocation(r.source().file().startsWith(tempPrefix)
                        ? refPrefix + r.source().file().substring(tempPrefix.length()) : r.source().file(), r.source().line(), r.source().column()))));
        return new Side(side.label(), resources);
    }

    static List<String> readExpected(Path file) throws IOException {
        List<io.connectops.yaml.YamlDocument> docs = io.connectops.yaml.YamlDocumentReader.read(file.toString(),
                io.connectops.files.BoundedFiles.read(file));
        List<String> patterns = new ArrayList<>();
        for (io.connectops.yaml.YamlDocument doc : docs) {
            com.fasterxml.jackson.databind.JsonNode list = doc.root().path("expectedDifferences");
            if (!list.isArray()) {
                throw new io.connectops.model.InvalidInputException(List.of(new Diagnostic(doc.locationOf(""),
                        "expected 'expectedDifferences: [PATTERN, ...]' (keys such as database.hostname, *.url, or Connector/orders-*:topic.prefix)")));
            }
            list.forEach(p -> patterns.add(p.asText()));
        }
        return patterns;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
