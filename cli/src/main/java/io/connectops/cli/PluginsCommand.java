package io.connectops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.model.PluginsSpec;
import io.connectops.model.Targets;
import io.connectops.plugins.InstalledPlugin;
import io.connectops.plugins.PluginInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code connectops plugins install|list}: a ConnectCluster's {@code spec.plugins} installed into a worker's
 * plugin path, as an init container or a VM's provisioning runs it (docs/plugins.md).
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Install a ConnectCluster's declared connector plugins into a plugin path, or list what is installed there.",
        subcommands = {PluginsCommand.Install.class, PluginsCommand.ListInstalled.class})
final class PluginsCommand implements Runnable {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String DIR_DEFAULT = "${env:CONNECTOPS_PLUGIN_PATH:-plugins}";

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Make the plugin path hold exactly the declared plugins: download or resolve, check checksums, unpack "
                    + "atomically; unchanged plugins are not downloaded again; plugins connectops installed that are no longer "
                    + "declared are removed; directories it did not make are left alone.",
                "Exit 1 when a plugin could not be installed (the others are)."})
    static final class Install implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Inputs inputs;

        @Option(names = "--cluster", paramLabel = "NAME", description = "Which declared ConnectCluster (when -f declares several).")
        String cluster;

        @Option(names = "--dir", paramLabel = "PLUGIN_PATH", defaultValue = DIR_DEFAULT,
                description = "The worker's plugin.path (default: env CONNECTOPS_PLUGIN_PATH, else ./plugins).")
        Path dir;

        @Option(names = "--maven-cache", paramLabel = "DIR", defaultValue = "${env:CONNECTOPS_MAVEN_CACHE:-${sys:user.home}/.cache/connectops/maven}",
                description = "Where Maven artifacts are cached (default: ~/.cache/connectops/maven), outside the plugin path.")
        Path mavenCache;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            inputs.requireFiles("install");
            Targets targets = inputs.load(parent.root, err);
            List<Targets.ClusterTarget> candidates = targets.clusters().stream().filter(t -> cluster == null || t.name().equals(cluster)).toList();
            if (candidates.size() != 1) {
                throw new IllegalArgumentException(candidates.isEmpty() ? "no ConnectCluster " + (cluster == null ? "declared" : "'" + cluster
                        + "' declared") + " in -f: its spec.plugins is what gets installed"
                        : "the files declare several ConnectClusters: choose one with --cluster");
            }
            PluginsSpec plugins = candidates.get(0).cluster().plugins();
            boolean terminal = System.console() != null;
            PluginInstaller.Progress progress = terminal ? (name, message) -> {
                err.print("\r\033[K" + (name.isEmpty() ? "" : name + ": ") + message);
                err.flush();
            } : (name, message) -> {
                if (!message.startsWith("downloading ") || message.startsWith("downloading http")) {
                    err.println((name.isEmpty() ? "" : name + ": ") + message);
                    err.flush();
                }
            };
            List<PluginInstaller.Result> results = new PluginInstaller(dir, mavenCache, progress).install(plugins);
            if (terminal) {
                err.print("\r\033[K");
                err.flush();
            }
            print(results, parent.root.output(), out);
            return results.stream().anyMatch(r -> r.action() == PluginInstaller.Action.FAILED) ? ExitCodes.ERROR : ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The plugins in a plugin path: origin, sha512, size; and "
            + "directories connectops did not make.")
    static final class ListInstalled implements Callable<Integer> {
        @ParentCommand
        PluginsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "PLUGIN_PATH", defaultValue = DIR_DEFAULT,
                description = "The worker's plugin.path (default: env CONNECTOPS_PLUGIN_PATH, else ./plugins).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            print(PluginInstaller.list(dir), parent.root.output(), spec.commandLine().getOut(), true);
            return ExitCodes.OK;
        }
    }

    static void print(List<PluginInstaller.Result> results, OutputFormat format, PrintWriter out) {
        print(results, format, out, false);
    }

    /** {@code listing}: what is there (installed, foreign), not what an install did (unchanged, updated...). */
    static void print(List<PluginInstaller.Result> results, OutputFormat format, PrintWriter out, boolean listing) {
        if (format == OutputFormat.json || format == OutputFormat.yaml) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PluginInstaller.Result r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", r.name());
                row.put(listing ? "status" : "action", word(r, listing));
                row.put("detail", r.detail());
                InstalledPlugin p = r.installed();
                if (p != null) {
                    row.put("origin", p.origin());
                    row.put("sha512", p.sha512());
                    row.put("bytes", p.bytes());
                    row.put("files", p.files());
                    row.put("installedAt", p.installedAt());
                }
                rows.add(row);
            }
            Printer.print(Map.of("plugins", rows), format, out);
            return;
        }
        if (results.isEmpty()) {
            out.println("no plugins");
        }
        int width = Math.max(4, results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        for (PluginInstaller.Result r : results) {
            InstalledPlugin p = r.installed();
            String detail = p == null ? r.detail() : p.origin() + "  sha512:" + p.sha512().substring(0, 16) + "  " + p.files() + " file(s), "
                    + human(p.bytes());
            out.println(String.format("%-" + width + "s  %-9s  %s", r.name(), word(r, listing), detail));
        }
        out.flush();
    }

    private static String word(PluginInstaller.Result result, boolean listing) {
        return listing && result.action() == PluginInstaller.Action.UNCHANGED ? "installed"
                : result.action().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String human(long bytes) {
        return io.connectops.plugins.Sizes.human(bytes);
    }
}
