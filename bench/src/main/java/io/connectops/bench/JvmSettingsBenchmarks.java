package io.connectops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;

/**
 * A {@code connectops sync} process with the JVM settings of a server (what the launcher gives sync, operator, dev
 * and demo) and with the fast-start settings of a one-shot command, on the same 1,000 declared connectors: the first
 * sync, the steady passes (resync every 5 s, from the process's own {@code connectops_sync_duration_seconds}), its
 * memory (resident set from /proc, heap from its /metrics) and the CPU it used. Both run through the checkout's
 * launcher on the checkout's jars, the fast one with {@code CONNECTOPS_JVM=fast}.
 *
 * <p>Run from the repository root (~4 minutes): {@code ./mvnw -q -pl cli,bench -am install -DskipTests && ./mvnw -q -pl bench
 * exec:java -Dbench.main=io.connectops.bench.JvmSettingsBenchmarks} (args: [connectors] [steady seconds])
 */
public final class JvmSettingsBenchmarks {
    private JvmSettingsBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        KafkaLogging.quiet(false);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path launcher = Path.of("connectops").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("run from the repository root (no ./connectops here)");
        }
        new ProcessBuilder(launcher.toString(), "--version").inheritIO().start().waitFor(); // builds first when needed
        Path tmp = Files.createTempDirectory("connectops-jvm-bench");
        List<String> rows = new ArrayList<>();
        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1))) {
            for (String profile : List.of("fast", "server", "fast", "server")) {
                rows.add(run(launcher, profile, tmp.resolve(profile + rows.size()), stack, count, steadySeconds, "jvm" + rows.size() + "-"));
            }
        }
        System.out.printf("# connectops sync, %,d connectors, resync every 5 s (%d cores)%n%n", count, Runtime.getRuntime().availableProcessors());
        System.out.println("| JVM settings | first sync (s) | steady pass, mean (ms) | passes | CPU in the steady %d s (s) | resident (MB) | heap used / committed (MB) |"
                .formatted(steadySeconds));
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(Path launcher, String profile, Path dir, DevStack stack, int count, int steadySeconds, String prefix)
            throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = ControllerBenchmarks.repository(repo, stack.connectUrl(), dir.resolve("owned.json"))) {
            StringBuilder docs = new StringBuilder();
            for (int i = 0; i < count; i++) {
                docs.append(ControllerBenchmarks.connector(prefix + i, "x", "stopped"));
            }
            ControllerBenchmarks.commit(git, repo.resolve("connect/many.yaml"), docs.toString(), "many");
        }
        // The release's launcher on the checkout's jars, as ./connectops runs it after a build (which it does not repeat here).
        ProcessBuilder builder = new ProcessBuilder(Path.of("dist/src/main/bin/connectops").toAbsolutePath().toString(), "sync", "--repo", repo.toString(), "--path", "connect",
                "--interval", "5s", "--resync", "5s", "--listen", "127.0.0.1:0", "--cache-dir", dir.resolve("cache").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sync.log").toFile());
        builder.environment().put("_CONNECTOPS_HOME", launcher.getParent().toString());
        builder.environment().put("_CONNECTOPS_CLASSPATH", Files.readString(Path.of("cli/target/classpath")).trim());
        if (profile.equals("fast")) {
            builder.environment().put("CONNECTOPS_JVM", "fast");
        }
        Process process = builder.start();
        try {
            long start = System.nanoTime();
            int port = awaitPort(process, dir.resolve("sync.log"));
            while (!ControllerBenchmarks.get(port, "/readyz").startsWith("ready")) {
                alive(process, dir);
                Thread.sleep(200);
            }
            double firstSync = Benchmarks.seconds(start);
            Thread.sleep(10_000); // two passes after the first sync, before the window opens
            String before = ControllerBenchmarks.get(port, "/metrics");
            double cpuBefore = cpuSeconds(process.pid());
            Thread.sleep(steadySeconds * 1000L);
            String after = ControllerBenchmarks.get(port, "/metrics");
            double cpu = cpuSeconds(process.pid()) - cpuBefore;
            double passes = value(after, "connectops_sync_duration_seconds_count") - value(before, "connectops_sync_duration_seconds_count");
            double seconds = value(after, "connectops_sync_duration_seconds_sum") - value(before, "connectops_sync_duration_seconds_sum");
            return "| %s | %.1f | %.0f | %.0f | %.1f | %.0f | %.0f / %.0f |".formatted(profile, firstSync, seconds / passes * 1000, passes, cpu,
                    residentMb(process.pid()), ControllerBenchmarks.sum(after, "jvm_memory_used_bytes", "heap") / 1e6,
                    ControllerBenchmarks.sum(after, "jvm_memory_committed_bytes", "heap") / 1e6);
        } finally {
            process.destroy();
            process.waitFor();
            Benchmarks.cleanUp(stack.connectUrl(), List.of(prefix));
        }
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        Pattern listening = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)");
        while (true) {
            Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            alive(process, log.getParent());
            Thread.sleep(100);
        }
    }

    private static void alive(Process process, Path dir) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("sync exited:\n" + Files.readString(dir.resolve("sync.log")));
        }
    }

    /** The process's user and system CPU time, from /proc/PID/stat (clock ticks of 1/100 s on Linux). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static double residentMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
