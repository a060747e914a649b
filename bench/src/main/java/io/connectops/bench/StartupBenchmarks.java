package io.connectops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.connectops.apply.Progress;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;
import io.connectops.engine.Engine;
import io.connectops.ownership.MarkerOwnership;

/**
 * Whole-process start-up of one-shot commands, through the launcher ({@code ./connectops}), as a user
 * runs them: {@code --version}, and a no-op {@code plan} of 300 and of 1,000 declared connectors against
 * a real embedded Connect. Each command runs three times to warm the file cache and the launcher's archive, then
 * {@code RUNS} times; the table gives min, median and max wall time, beside a bare JVM's start on the same
 * machine (the floor every Java command pays).
 *
 * <p>Run from the repository root: {@code ./mvnw -q -pl bench -am install -DskipTests && ./mvnw -q -pl bench
 * exec:java -Dbench.main=io.connectops.bench.StartupBenchmarks}
 */
public final class StartupBenchmarks {
    private static final int RUNS = 9;

    private StartupBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        KafkaLogging.quiet(false);
        Path root = Path.of(System.getProperty("connectops.root", ".")).toAbsolutePath().normalize();
        Path launcher = root.resolve("connectops");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("run from the repository root (no ./connectops in " + root + ")");
        }
        Path tmp = Files.createTempDirectory("connectops-startup");
        System.out.println("# One-shot command start-up, whole process (" + Runtime.getRuntime().availableProcessors() + " cores)\n");
        run(List.of(launcher.toString(), "--version")); // builds the launcher's class path and archive when needed
        System.out.println("| command | min (s) | median (s) | max (s) |\n|---|---|---|---|");
        row("bare JVM: java -Xshare:auto -version", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-version"));
        row("connectops --version", List.of(launcher.toString(), "--version"));
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1))) {
            String url = stack.connectUrl().toString();
            for (int count : new int[] {300, 1000}) {
                String docs = Benchmarks.documents("s" + count + "-", count, "stopped");
                Engine engine = Benchmarks.engine(stack.connectUrl(), new MarkerOwnership(null), docs);
                engine.apply(engine.plan(false, false, 8), 8, Progress.NONE);
                Benchmarks.awaitCount(stack.connectUrl(), count);
                Path dir = Files.createDirectories(tmp.resolve("c" + count));
                Files.writeString(dir.resolve("connectors.yaml"), docs);
                List<String> plan = List.of(launcher.toString(), "plan", "-f", dir.toString(), "--connect-url", url);
                int code = run(plan);
                if (code != 0) {
                    throw new IllegalStateException("expected a no-op plan (exit 0), got exit " + code);
                }
                row("connectops plan, no-op, " + count + " connectors", plan);
                Benchmarks.cleanUp(stack.connectUrl(), List.of("s" + count + "-"));
            }
        }
    }

    private static void row(String what, List<String> command) throws Exception {
        // Three uncounted runs: the file cache is warm and the worker has settled after the setup's writes.
        for (int i = 0; i < 3; i++) {
            run(command);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run(command);
            times.add((System.nanoTime() - start) / 1e9);
        }
        Collections.sort(times);
        System.out.printf("| `%s` | %.3f | %.3f | %.3f |%n", what, times.get(0), times.get(RUNS / 2), times.get(RUNS - 1));
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return process.exitValue();
    }
}
