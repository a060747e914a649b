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
import io.connectops.model.DesiredState;
import io.connectops.plan.Sensitivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the live connectors as connectops YAML: how to start managing an existing cluster.",
            "Secret-looking values are not written: replace them with ConfigProvider placeholders such as ${file:...}."})
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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterSession session = choice.session(root, err);
        Sensitivity sensitivity = Sensitivity.byName();
        int masked = 0;
        StringBuilder all = new StringBuilder();
        for (LiveConnector connector : new TreeMap<>(session.client().readAll().connectors()).values()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("apiVersion", "connectops.io/v1alpha1");
            doc.put("kind", "Connector");
            doc.put("metadata", Map.of("name", connector.name()));
            Map<String, Object> specMap = new LinkedHashMap<>();
            if (!session.name().equals(io.connectops.model.ConnectClusterSpec.DEFAULT_NAME)) {
                specMap.put("cluster", session.name());
            }
            Map<String, String> config = new TreeMap<>(connector.config());
            specMap.put("class", config.remove("connector.class"));
            String tasksMax = config.remove("tasks.max");
            if (tasksMax != null) {
                specMap.put("tasksMax", tasksMax.matches("\\d+") ? Integer.parseInt(tasksMax) : tasksMax);
            }
            config.remove("name");
            DesiredState state = DesiredState.fromConnect(connector.state());
            specMap.put("state", (state == null ? DesiredState.RUNNING : state).yamlName());
            for (Map.Entry<String, String> e : config.entrySet()) {
                if (!sensitivity.display(e.getKey(), e.getValue()).equals(e.getValue())) {
                    e.setValue(SECRET_PLACEHOLDER);
                    masked++;
                }
            }
            specMap.put("config", config);
            doc.put("spec", specMap);
            String yaml = Printer.YAML.writeValueAsString(doc);
            if (dir != null) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(connector.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml"), yaml);
            } else {
                all.append("---\n").append(yaml);
            }
        }
        if (dir == null) {
            out.print(all);
        } else {
            out.println("exported to " + dir);
        }
        if (masked > 0) {
            err.println("warning: " + masked + " sensitive value(s) were not exported; each reads '" + SECRET_PLACEHOLDER + "'");
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
