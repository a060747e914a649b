package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.PluginInfo;
import io.connectops.devstack.DevStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the embedded Kafka + Connect stack (ports 9092 and 8083), apply examples/, show what happened,",
            "and keep running until Ctrl-C so you can try the other commands against it."})
final class DemoCommand implements Callable<Integer> {
    /** The FileStream examples read and write here (see examples/file-pipeline.yaml). */
    static final Path DEMO_DIR = Path.of("/tmp/connectops-demo");

    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path examples = examplesDir();
        prepareInput();

        StackOptions options = new StackOptions();
        options.kafkaPort = 9092;
        options.connectPort = 8083;
        options.workers = 1;
        StackRunner runner = new StackRunner();
        DevStack stack = runner.start(options, root.verbose(), out);
        String url = stack.connectUrl().toString();

        heading(out, "Connector plugins on the cluster");
        List<PluginInfo> plugins = new ConnectClient(ConnectEndpoint.of("demo", stack.connectUrl())).connectorPlugins();
        plugins.forEach(p -> out.printf("  %-6s %-70s %s%n", p.type(), p.className(), p.version()));

        heading(out, "connectops apply -f " + examples);
        run(out, "apply", "-f", examples.toString(), "--connect-url", url);

        Thread.sleep(3000); // let the FileStream tasks move a few lines through Kafka
        heading(out, "connectops status -f " + examples);
        run(out, "status", "-f", examples.toString(), "--connect-url", url);

        heading(out, "What the sink wrote to " + DEMO_DIR.resolve("orders-copy.txt"));
        Path sinkFile = DEMO_DIR.resolve("orders-copy.txt");
        if (Files.exists(sinkFile)) {
            Files.readAllLines(sinkFile).forEach(line -> out.println("  " + line));
        } else {
            out.println("  (nothing yet; it appears within a few seconds)");
        }

        heading(out, "connectops plan -f " + examples + "   (applied, so nothing to do)");
        run(out, "plan", "-f", examples.toString(), "--connect-url", url);

        heading(out, "Try it");
        out.println("  ./connectops status --connect-url " + url);
        out.println("  ./connectops plan -f examples --connect-url " + url + "      # edit a file in examples/ first");
        out.println("  curl " + url + "connectors?expand=status");
        runner.awaitStopThenClose(stack, out);
        return ExitCodes.OK;
    }

    private void run(PrintWriter out, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(out);
        cli.setErr(spec.commandLine().getErr());
        cli.execute(args);
        out.flush();
    }

    private static void heading(PrintWriter out, String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }

    private static void prepareInput() throws IOException {
        Files.createDirectories(DEMO_DIR);
        Files.deleteIfExists(DEMO_DIR.resolve("orders-copy.txt"));
        Files.write(DEMO_DIR.resolve("orders.txt"), List.of(
                "order-1001,alice,3 x coffee beans",
                "order-1002,bob,1 x grinder",
                "order-1003,carol,2 x filters"));
    }

    /** examples/ next to the launcher (it passes -Dconnectops.home), else in the current directory. */
    private static Path examplesDir() {
        String home = System.getProperty("connectops.home");
        Path dir = home == null ? Path.of("examples") : Path.of(home, "examples");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("cannot find the examples directory " + dir.toAbsolutePath()
                    + ": run the demo from the connectops checkout (./connectops demo)");
        }
        return dir;
    }
}
