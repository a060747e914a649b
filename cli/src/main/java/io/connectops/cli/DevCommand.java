package io.connectops.cli;

import java.util.concurrent.Callable;

import io.connectops.devstack.DevStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Run a real Kafka broker (KRaft) and Kafka Connect workers on this machine until Ctrl-C.",
            "Plugins: FileStream source/sink, MirrorMaker 2, and connectops' no-op source connector."})
final class DevCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stackOptions;

    @picocli.CommandLine.Option(names = "--plugins-from", paramLabel = "PATH",
            description = "A file or directory declaring a ConnectCluster whose spec.plugins are installed (into DATA-DIR/plugins, or a "
                    + "temporary directory) and loaded by the workers, isolated as on real workers.")
    String pluginsFrom;

    @Override
    public Integer call() throws java.io.IOException {
        if (pluginsFrom != null) {
            stackOptions.pluginPath = installPlugins();
        }
        StackRunner runner = new StackRunner();
        java.nio.file.Path log = stackOptions.dataDir != null
                ? java.nio.file.Files.createDirectories(stackOptions.dataDir).resolve("stack.log")
                : java.nio.file.Files.createTempFile("connectops-dev-", ".log");
        DevStack stack = runner.start(stackOptions, root.verbose(), log, spec.commandLine().getOut());
        runner.awaitStopThenClose(stack, spec.commandLine().getOut());
        if (stackOptions.dataDir == null) {
            // Nothing of a run without --data-dir is kept (it left a log in /tmp each time): a stack that failed never gets here.
            java.nio.file.Files.deleteIfExists(log);
            if (stackOptions.pluginPath != null) {
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(stackOptions.pluginPath)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Installs the declared plugins before any worker starts; a plugin that fails stops here, with the reason. */
    private java.nio.file.Path installPlugins() throws java.io.IOException {
        java.io.PrintWriter out = spec.commandLine().getOut();
        Inputs inputs = new Inputs();
        inputs.paths.add(pluginsFrom);
        io.connectops.model.Targets targets = inputs.run(root, spec.commandLine().getErr(), false).targets();
        java.util.List<io.connectops.model.PluginsSpec.Plugin> plugins = targets.clusters().stream()
                .flatMap(t -> t.cluster().plugins().plugins().stream()).toList();
        if (targets.clusters().size() != 1 || plugins.isEmpty()) {
            throw new IllegalArgumentException("--plugins-from " + pluginsFrom + ": expected one ConnectCluster with spec.plugins, found "
                    + targets.clusters().size() + " cluster(s) and " + plugins.size() + " plugin(s)");
        }
        java.nio.file.Path dir = stackOptions.dataDir != null
                ? java.nio.file.Files.createDirectories(stackOptions.dataDir.resolve("plugins"))
                : java.nio.file.Files.createTempDirectory("connectops-dev-plugins-");
        java.nio.file.Path cache = java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "connectops", "maven");
        java.util.List<io.connectops.plugins.PluginInstaller.Result> results = new io.connectops.plugins.PluginInstaller(dir, cache,
                (name, message) -> {
                    if (!message.startsWith("downloading ") || message.startsWith("downloading http")) {
                        out.println("  " + (name.isEmpty() ? "" : name + ": ") + message);
                        out.flush();
                    }
                }).install(targets.clusters().get(0).cluster().plugins());
        PluginsCommand.print(results, OutputFormat.text, out);
        if (results.stream().anyMatch(r -> r.action() == io.connectops.plugins.PluginInstaller.Action.FAILED)) {
            throw new IllegalStateException("a plugin could not be installed: the stack is not started");
        }
        return dir;
    }
}
