package io.connectops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.controller.Controller;
import io.connectops.controller.ControllerOptions;
import io.connectops.controller.GitSource;
import io.connectops.controller.Healer;
import io.connectops.controller.HttpEndpoints;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.KafkaLogging;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The controller's numbers in docs/performance.md, against a real embedded broker + Connect worker:
 * commit-to-applied through the webhook and through polling, REST calls of a resync of 1,000
 * unchanged connectors, and the heap of a {@code connectops sync} process (-Xmx256m) with 10,000
 * declared connectors. Prints Markdown tables.
 *
 * <p>Run: {@code ./mvnw -q -pl cli,bench -am install -DskipTests && ./mvnw -q -pl bench exec:java -Dexec.mainClass=io.connectops.bench.ControllerBenchmarks}
 */
public final class ControllerBenchmarks {
    static final String SECRET = "bench-secret";
    static final HttpClient WEB = HttpClient.newHttpClient();

    private ControllerBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        KafkaLogging.quiet(false);
        int resyncCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int heapCount = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        List<String> phases = args.length > 2 ? List.of(args[2].split(",")) : List.of("latency", "resync", "heap");
        Path tmp = Files.createTempDirectory("connectops-controller-bench");
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1));
             FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            ConnectClient admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
            System.out.println("# connectops controller benchmarks (" + Runtime.getRuntime().availableProcessors()
                    + " cores, Kafka 4.3.1 embedded, 1 worker)\n");
            if (phases.contains("latency")) {
                latency(tmp.resolve("latency"), stack, admin);
            }
            if (phases.contains("resync")) {
                resync(tmp.resolve("resync"), proxy, resyncCount);
            }
            if (phases.contains("heap")) {
                heap(tmp.resolve("heap"), stack, heapCount);
            }
        }
    }

    static Git repository(Path dir, URI connect, Path owned) throws Exception {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        Files.createDirectories(dir.resolve("connect"));
        Files.writeString(dir.resolve("connect/cluster.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: bench}
                spec:
                  url: %s
                  ownership: {file: %s}
                """.formatted(connect, owned));
        return git;
    }

    static String commit(Git git, Path file, String text, String message) throws Exception {
        Files.writeString(file, text);
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("bench", "bench@example.com");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }

    static Controller controller(Path repo, Path cache, Duration interval, Duration resync) {
        ControllerOptions options = ControllerOptions.builder(repo.toString(), cache).path("connect").interval(interval).resync(resync)
                .shutdownTimeout(Duration.ofSeconds(10)).build();
        return new Controller(options, new GitSource(repo.toString(), "main", cache, GitSource.Auth.NONE), null, Clock.systemUTC());
    }

    static String connector(String name, String label, String state) {
        return "---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + name + "}\nspec: {class: "
                + Benchmarks.NOOP + ", tasksMax: 1, state: " + state + ", config: {noop.label: " + label + "}}\n";
    }

    /** Commit to applied: through the webhook (target under 2 s) and through polling (target: interval + 2 s). */
    static void latency(Path dir, DevStack stack, ConnectClient admin) throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = repository(repo, stack.connectUrl(), dir.resolve("owned.json"))) {
            Path file = repo.resolve("connect/w.yaml");
            commit(git, file, connector("bench-webhook", "0", "running"), "0");
            Controller controller = controller(repo, dir.resolve("cache"), Duration.ofHours(1), Duration.ofHours(1));
            HttpEndpoints http = new HttpEndpoints(new InetSocketAddress("127.0.0.1", 0), controller, SECRET);
            http.start();
            controller.start();
            awaitLabel(admin, "bench-webhook", "0", Duration.ofSeconds(60));
            System.out.println("## Commit to applied through the webhook, a one-connector change (target: under 2 s)\n");
            measureRounds(admin, git, file, 1, () -> webhook(http.port()), 0);
            controller.close();
            http.close();

            Duration interval = Duration.ofSeconds(2);
            Controller polling = controller(repo, dir.resolve("cache-poll"), interval, Duration.ofHours(1));
            polling.start();
            awaitLabel(admin, "bench-webhook", "10", Duration.ofSeconds(60));
            System.out.println("## Commit to applied through polling every 2 s (target: at most interval + 2 s = 4 s)\n");
            // Commits land at different points of the interval.
            measureRounds(admin, git, file, 11, () -> { }, 700);
            polling.close();
        }
    }

    interface Trigger {
        void fire() throws Exception;
    }

    /** Ten rounds: commit a new label, {@code trigger}, wait until Connect has it; prints the table and median/max. */
    static void measureRounds(ConnectClient admin, Git git, Path file, int first, Trigger trigger, long staggerMs) throws Exception {
        System.out.println("| round | commit → config on Connect (ms) |\n|---|---|");
        List<Long> times = new ArrayList<>();
        for (int round = first; round < first + 10; round++) {
            Thread.sleep(staggerMs * (round % 3));
            long start = System.nanoTime();
            commit(git, file, connector("bench-webhook", Integer.toString(round), "running"), "round " + round);
            trigger.fire();
            awaitLabel(admin, "bench-webhook", Integer.toString(round), Duration.ofSeconds(60));
            long ms = (System.nanoTime() - start) / 1_000_000;
            times.add(ms);
            System.out.println("| " + round + " | " + ms + " |");
        }
        System.out.println("\nmedian " + median(times) + " ms, max " + times.stream().mapToLong(Long::longValue).max().orElse(0) + " ms\n");
    }

    /** REST calls of a resync with nothing to do (target: at most 2 per cluster). */
    static void resync(Path dir, FaultProxy proxy, int count) throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = repository(repo, proxy.url(), dir.resolve("owned.json"))) {
            StringBuilder docs = new StringBuilder();
            for (int i = 0; i < count; i++) {
                docs.append(connector("bench-resync-" + i, "x", "stopped"));
            }
            commit(git, repo.resolve("connect/many.yaml"), docs.toString(), "many");
            long start = System.nanoTime();
            Controller controller = controller(repo, dir.resolve("cache"), Duration.ofSeconds(1), Duration.ofSeconds(2));
            controller.start();
            while (!controller.ready()) {
                Thread.sleep(200);
            }
            System.out.printf("## Resync of %,d unchanged connectors (target: at most 2 REST calls per cluster)%n%n", count);
            System.out.printf("setup: the controller created %,d stopped connectors in %.1f s%n%n", count, (System.nanoTime() - start) / 1e9);
            Thread.sleep(5000); // the follow-up pass after the writes
            System.out.println("| resync | REST calls | time of the pass (ms) |\n|---|---|---|");
            for (int round = 1; round <= 5; round++) {
                proxy.clearRequests();
                int before = unchangedSyncs(controller);
                long passStart = System.nanoTime();
                while (unchangedSyncs(controller) == before) {
                    Thread.sleep(20);
                }
                long ms = (System.nanoTime() - passStart) / 1_000_000;
                Map<String, Long> kinds = new java.util.TreeMap<>(proxy.requests().stream().collect(java.util.stream.Collectors.groupingBy(
                        r -> r.lines().findFirst().orElse("").replaceAll("bench-resync-\\d+", "{n}"), java.util.stream.Collectors.counting())));
                System.out.println("| " + round + " | " + proxy.requests().size() + " " + kinds + " | ≤ " + ms + " (includes waiting for the 2 s tick) |");
            }
            System.out.println();
            controller.close();
        }
    }

    static int unchangedSyncs(Controller controller) {
        Matcher m = Pattern.compile("connectops_syncs_total\\{result=\"unchanged\"} (\\d+)").matcher(controller.metrics().scrape());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A real `connectops sync` process with -Xmx256m and {@code count} declared connectors: its heap as it reports it. */
    static void heap(Path dir, DevStack stack, int count) throws Exception {
        Path cli = Path.of("cli", "target", "connectops-cli.jar").toAbsolutePath();
        if (!Files.exists(cli)) {
            throw new IllegalStateException(cli + " is missing: build it first (./mvnw -q -pl cli -am install -DskipTests)");
        }
        Path repo = dir.resolve("repo");
        try (Git git = repository(repo, stack.connectUrl(), dir.resolve("owned.json"))) {
            StringBuilder docs = new StringBuilder();
            for (int i = 0; i < count; i++) {
                docs.append(connector("bench-heap-" + i, "x", "stopped"));
            }
            commit(git, repo.resolve("connect/many.yaml"), docs.toString(), "many");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", cli + ":" + cli.getParent().resolve("lib") + "/*", "io.connectops.cli.Main", "sync", "--repo", repo.toString(),
                "--path", "connect", "--interval", "5s", "--resync", "10s", "--listen", "127.0.0.1:0", "--cache-dir", dir.resolve("cache").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        output.append((char) b);
                    }
                });
            } catch (IOException e) {
                // gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long start = System.nanoTime();
            int port = 0;
            while (port == 0) {
                Matcher m = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)").matcher(output);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("sync exited:\n" + output);
                }
                Thread.sleep(100);
            }
            String readyz = "";
            double peak = 0;
            while (!readyz.startsWith("ready")) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("sync exited:\n" + output);
                }
                Thread.sleep(1000);
                readyz = get(port, "/readyz");
                peak = Math.max(peak, sum(get(port, "/metrics"), "jvm_memory_used_bytes", "heap"));
            }
            double firstSync = (System.nanoTime() - start) / 1e9;
            System.out.printf("## A sync process with -Xmx256m and %,d declared connectors (target: heap under 256 MB)%n%n", count);
            System.out.printf("first sync (load, validate, create all %,d stopped connectors) done after %.1f s; "
                    + "highest heap used seen during it (sampled every second): %.0f MB%n%n", count, firstSync, peak / 1e6);
            System.out.println("| after the first sync | heap used (MB) | heap committed (MB) |\n|---|---|---|");
            for (int i = 1; i <= 6; i++) {
                Thread.sleep(10_000);
                String metrics = get(port, "/metrics");
                System.out.printf("| %d s | %.0f | %.0f |%n", i * 10, sum(metrics, "jvm_memory_used_bytes", "heap") / 1e6,
                        sum(metrics, "jvm_memory_committed_bytes", "heap") / 1e6);
            }
            System.out.println("\nthe process ran with -Xmx256m throughout: " + (process.isAlive() ? "yes" : "NO, it exited"));
        } finally {
            process.destroy();
        }
    }

    static double sum(String metrics, String name, String area) {
        double total = 0;
        Matcher m = Pattern.compile("^" + name + "\\{area=\"" + area + "\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    static String get(int port, String path) throws Exception {
        try {
            return WEB.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        }
    }

    static void webhook(int port) throws Exception {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        HttpResponse<String> response = WEB.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("webhook: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    static void awaitLabel(ConnectClient admin, String name, String label, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (label.equals(admin.config(name).map(c -> c.get("noop.label")).orElse(null))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(name + " never got label " + label);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
