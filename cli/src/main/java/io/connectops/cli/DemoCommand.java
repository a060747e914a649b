package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.PluginInfo;
import io.connectops.controller.Controller;
import io.connectops.controller.ControllerOptions;
import io.connectops.controller.GitSource;
import io.connectops.controller.Healer;
import io.connectops.controller.HttpEndpoints;
import io.connectops.devstack.DevStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded Kafka + Connect and the controller on a Git repository of examples/, until Ctrl-C.",
            "The controller (connectops sync) follows the repository and prints what it does: commit to the repository,",
            "or change a connector by hand, and watch it act. Files are kept in " + "/tmp/connectops-demo" + " after exit."})
final class DemoCommand implements Callable<Integer> {
    /** The FileStream examples read and write here (see examples/file-pipeline.yaml). */
    static final Path DEMO_DIR = Path.of("/tmp/connectops-demo");
    /** The Git repository the demo's controller follows. */
    static final Path REPO = DEMO_DIR.resolve("repo");

    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    StackOptions options;

    @picocli.CommandLine.Option(names = "--http-port", paramLabel = "PORT",
            description = "The controller's HTTP port for /status, /metrics and the webhook (default: 8080, or any free port when 8080 is taken).")
    Integer httpPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path examples = examplesDir();
        prepareInput();

        StackRunner runner = new StackRunner();
        DevStack stack = runner.start(options, root.verbose(), DEMO_DIR.resolve("stack.log"), out);
        String url = stack.connectUrl().toString();

        heading(out, "Connector plugins on the cluster");
        List<PluginInfo> plugins = new ConnectClient(ConnectEndpoint.of("demo", stack.connectUrl())).connectorPlugins();
        plugins.forEach(p -> out.printf("  %-6s %-70s %s%n", p.type(), p.className(), p.version()));

        heading(out, "A Git repository made from examples/: " + REPO);
        DemoRepository.keepPrevious(REPO, Clock.systemUTC()).ifPresent(kept ->
                out.println("  the last demo's repository had commits of yours: kept in " + kept));
        String first = DemoRepository.create(examples, REPO, url);
        out.println("  commit " + first.substring(0, 12) + " \"examples\" with connect/cluster.yaml (owner id 'demo'), connect/"
                + String.join(", connect/", DemoRepository.files(examples)));

        heading(out, "connectops sync --repo " + REPO + " --path connect --interval 2s --resync 10s");
        Path cache = DEMO_DIR.resolve("sync-cache");
        DemoRepository.deleteRecursively(cache);
        ControllerOptions syncOptions = ControllerOptions.builder(REPO.toString(), cache).path("connect")
                .interval(Duration.ofSeconds(2)).resync(Duration.ofSeconds(10)).connectUrl(url).shutdownTimeout(Duration.ofSeconds(10)).build();
        Controller controller = new Controller(syncOptions, new GitSource(REPO.toString(), "main", cache, GitSource.Auth.NONE), null,
                Clock.systemUTC(), root.redactor());
        HttpEndpoints http = startHttp(controller, out);
        String controllerUrl = "http://127.0.0.1:" + http.port();
        controller.start();
        // The demo prints the events itself, in its own layout: not twice.
        org.apache.logging.log4j.core.config.Configurator.setLevel("io.connectops.events", org.apache.logging.log4j.Level.WARN);
        EventTail tail = new EventTail(controller, out);
        for (int i = 0; i < 600 && !controller.ready(); i++) {
            Thread.sleep(100);
        }
        tail.printNew();
        Thread.sleep(3000); // let the FileStream tasks move a few lines through Kafka
        tail.printNew();

        heading(out, "connectops status --controller " + controllerUrl);
        run(out, "status", "--controller", controllerUrl);

        heading(out, "What the sink wrote to " + DEMO_DIR.resolve("orders-copy.txt"));
        Path sinkFile = DEMO_DIR.resolve("orders-copy.txt");
        if (Files.exists(sinkFile)) {
            Files.readAllLines(sinkFile).forEach(line -> out.println("  " + line));
        } else {
            out.println("  (nothing yet; it appears within a few seconds)");
        }

        heading(out, "Try it (the controller follows the repository; what it does is printed here)");
        String launcher = launcher();
        out.println("  open " + controllerUrl + "/     # the dashboard: sync, health, revision, diff, events, live");
        out.println("  sed -i 's/state: running/state: paused/' " + REPO.resolve("connect/file-pipeline.yaml")
                + " && git -C " + REPO + " commit -qam 'pause the source'");
        out.println("  curl -s -X PUT " + url + "connectors/orders-file-sink/pause     # drift: put back within 10 s");
        out.println("  " + launcher + " status --controller " + controllerUrl);
        out.println("  curl -s " + controllerUrl + "/metrics | grep connectops_");
        out.println("  " + launcher + " plan -f " + REPO.resolve("connect") + "     # the CLI on the controller's files: no changes");
        out.println("  Kafka's and Connect's own logs: " + DEMO_DIR.resolve("stack.log") + "; the demo's files stay in " + DEMO_DIR
                + " after Ctrl-C.");
        out.flush();
        tail.follow();
        runner.awaitStopThenClose(stack, out, () -> {
            tail.stop();
            controller.close();
            http.close();
        });
        return ExitCodes.OK;
    }

    /** The demo's controller HTTP port: --http-port, else 8080 when free, else any (and it says so). */
    private HttpEndpoints startHttp(Controller controller, PrintWriter out) throws IOException {
        HttpEndpoints http;
        try {
            http = new HttpEndpoints(new InetSocketAddress("127.0.0.1", httpPort == null ? 8080 : httpPort), controller, null);
        } catch (java.net.BindException e) {
            if (httpPort != null) {
                throw new IllegalStateException("port " + httpPort + " is taken: choose another with --http-port");
            }
            http = new HttpEndpoints(new InetSocketAddress("127.0.0.1", 0), controller, null);
            out.println("  port 8080 is taken: the controller listens on " + http.port() + " instead (--http-port chooses)");
        }
        http.start();
        return http;
    }

    /** How to run this launcher from any directory (the launcher passes its own path). */
    private static String launcher() {
        return System.getProperty("connectops.launcher", "connectops");
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
                    + ": run the demo from a connectops checkout (./connectops demo) or release (bin/connectops demo)");
        }
        return dir;
    }
}
