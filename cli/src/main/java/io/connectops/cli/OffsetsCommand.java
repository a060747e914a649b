package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.apply.OffsetChange;
import io.connectops.engine.ClusterSession;
import io.connectops.gate.GatedConnectApi;
import io.connectops.files.BoundedFiles;
import io.connectops.load.OffsetsReader;
import io.connectops.model.ConnectorOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code connectops offsets get|reset|set NAME}: a connector's committed offsets through Kafka Connect's REST API
 * (3.6+). Changes need the connector STOPPED: {@code --stop} stops it, changes the offsets and restores its state.
 */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = {"Read, reset or set a connector's committed offsets (Kafka Connect 3.6+).",
            "Connect changes offsets only while a connector is STOPPED: --stop stops it first and makes it RUNNING (or PAUSED) again after."},
        subcommands = {OffsetsCommand.Get.class, OffsetsCommand.Reset.class, OffsetsCommand.Set.class})
final class OffsetsCommand implements Runnable {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every offsets subcommand shares: one connector on one cluster. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        OffsetsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        ClusterChoice choice;

        @Parameters(paramLabel = "NAME", description = "The connector.")
        String name;

        @Option(names = "--force", description = "Change the offsets even of a connector connectops does not own.")
        boolean force;

        ClusterSession session() {
            return choice.session(parent.root, spec.commandLine().getErr());
        }

        /** The cluster through the write gate: a connector connectops does not own is refused unless --force. */
        GatedConnectApi gated() {
            return session().gatedFor(name, force);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "The committed offsets: a table, or with -o json / -o yaml what 'offsets set -f' reads back.")
    static final class Get extends Base {
        @Override
        public Integer call() {
            List<ConnectorOffset> offsets = session().client().offsets(name);
            OutputFormat format = parent.root.output();
            PrintWriter out = out();
            if (format == OutputFormat.json || format == OutputFormat.yaml) {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (ConnectorOffset offset : offsets) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("partition", offset.partition());
                    entry.put("offset", offset.offset());
                    entries.add(entry);
                }
                Printer.print(Map.of("offsets", entries), format, out);
                return ExitCodes.OK;
            }
            if (offsets.isEmpty()) {
                out.println(name + ": no committed offsets");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"PARTITION", "OFFSET"});
                offsets.forEach(o -> rows.add(new String[] {flat(o.partition()), flat(o.offset())}));
                int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
                rows.forEach(r -> out.println(String.format("%-" + width + "s  %s", r[0], r[1])));
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static String flat(Map<String, Object> map) {
            if (map == null) {
                return "-";
            }
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(" ", parts);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Forget every committed offset: the connector starts over (a source re-reads, a sink re-consumes).")
    static final class Reset extends Base {
        @Option(names = "--stop", description = "Stop a connector that is not STOPPED, reset, then restore its state.")
        boolean stop;

        @Override
        public Integer call() {
            out().println(name + ": " + OffsetChange.reset(gated(), name, stop));
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Write offsets from a file (--from) in the form 'offsets get -o json' prints; an entry without offset resets "
                    + "that partition.")
    static final class Set extends Base {
        // Not -f: that names the declaration files (a ConnectCluster) in every command.
        @Option(names = "--from", paramLabel = "FILE", required = true,
                description = "The offsets, JSON or YAML, as 'offsets get NAME -o json' prints them.")
        Path file;

        @Option(names = "--stop", description = "Stop a connector that is not STOPPED, set, then restore its state.")
        boolean stop;

        @Override
        public Integer call() throws IOException {
            // Read and checked before anything is asked of Connect: a bad file changes nothing.
            List<ConnectorOffset> offsets = OffsetsReader.readFile(file.toString(), BoundedFiles.read(file));
            if (offsets.isEmpty()) {
                throw new IllegalArgumentException(file + ": no offsets to set (to forget them all, use 'offsets reset')");
            }
            out().println(name + ": " + OffsetChange.set(gated(), name, offsets, stop));
            out().flush();
            return ExitCodes.OK;
        }
    }
}
