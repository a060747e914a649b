package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.connectops.connect.LiveConnector;
import io.connectops.engine.ClusterSession;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.model.SourceLocation;
import io.connectops.output.NativeYaml;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.plan.Sensitivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the live connectors as connectops YAML: how to start managing an existing cluster.",
            "Secret-looking values are not written: replace them with ConfigProvider placeholders such as $${file:...}.",
            "With --dir and --connect-url, the cluster is written too (its ConnectCluster), so 'plan -f DIR' works as it is."})
final class ExportCommand implements Callable<Integer> {
    static final String SECRET_PLACEHOLDER = "REPLACE-ME (sensitive value not exported)";

    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterChoice choice;

    @Option(names = "--dir", paramLabel = "DIR", description = "Write one file per connector here (default: all to standard output).")
    Path dir;

    private static Sensitivity passwordKeys(ClusterSession session, String connectorClass, LiveConnector connector, int[] unasked) {
        if (connectorClass == null) {
            unasked[0]++;
            return Sensitivity.byName();
        }
        try {
            return new Sensitivity(session.client().validate(connectorClass, connector.config()).passwordKeys());
        } catch (RuntimeException e) {
            unasked[0]++;
            return Sensitivity.byName();
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterSession session = choice.session(root, err);
        int[] masked = {0};
        int[] unasked = {0};
        StringBuilder all = new StringBuilder();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (LiveConnector connector : new TreeMap<>(session.client().readAll().connectors()).values()) {
            Map<String, String> config = new TreeMap<>(connector.config());
            String connectorClass = config.remove("connector.class");
            String tasksMax = config.remove("tasks.max");
            Integer tasks = null;
            if (tasksMax != null && tasksMax.matches("[1-9]\\d{0,8}")) {
                tasks = Integer.parseInt(tasksMax);
            } else if (tasksMax != null) {
                config.put("tasks.max", tasksMax);
            }
            config.remove("name");
            config.remove(MarkerOwnership.KEY); // connectops' own record, not part of what is declared
            // The plugin says which of its keys hold passwords (one validate call per connector); by name otherwise.
            Sensitivity sensitivity = passwordKeys(session, connectorClass, connector, unasked);
            DesiredState state = DesiredState.fromConnect(connector.state());
            ConnectorSpec asDeclared = new ConnectorSpec(connector.name(), Map.of(), session.name(), connectorClass, tasks,
                    state == null ? DesiredState.RUNNING : state, config, RestartPolicy.DEFAULT, null, SourceLocation.UNKNOWN);
            String yaml = NativeYaml.connector(asDeclared, (key, value) -> {
                if (sensitivity.display(key, value).equals(value)) {
                    return value;
                }
                masked[0]++;
                return SECRET_PLACEHOLDER;
            });
            if (dir != null) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(FileNames.unique(connector.name(), written)), yaml);
            } else {
                all.append("---\n").append(yaml);
            }
        }
        if (dir == null) {
            out.print(all);
        } else {
            if (choice.inputs.paths.isEmpty()) {
                // The cluster came from --connect-url: without its ConnectCluster the exported files would not plan on their own.
                Files.writeString(dir.resolve(FileNames.unique(session.name() + "-cluster", written)), """
                        # The Connect cluster these connectors were exported from. Add spec.auth or spec.tls if it needs them
                        # (docs/resources.md); credentials come from secret variables, never this file.
                        apiVersion: connectops.io/v1alpha1
                        kind: ConnectCluster
                        metadata: {name: %s}
                        spec:
                          url: %s
                        """.formatted(session.name(), session.target().cluster().urls().get(0)));
            }
            out.println("exported to " + dir);
        }
        if (unasked[0] > 0) {
            err.println("warning: the plugins of " + unasked[0] + " connector(s) could not say which keys are passwords: "
                    + "those were masked by name only; check the files before committing them");
        }
        if (masked[0] > 0) {
            err.println("warning: " + masked[0] + " sensitive value(s) were not exported; each reads '" + SECRET_PLACEHOLDER + "'");
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
