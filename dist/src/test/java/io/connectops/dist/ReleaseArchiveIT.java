package io.connectops.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The release archive as a user installs it: unpacked outside the checkout, run through a symlink on the PATH by a
 * shell whose PATH has no Maven (nor anything but the few programs the launcher uses) and a HOME of its own. The
 * commands are the first ones a user runs: --version, validate, completion, dev, and plan against what dev started.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ReleaseArchiveIT {
    private static final String VERSION = System.getProperty("project.version");
    /** What bin/connectops runs besides bash and java: the PATH the test gives it holds only these. */
    private static final List<String> TOOLS = List.of("bash", "dirname", "readlink", "sed", "cksum", "stat", "mkdir", "rm", "mv", "find");

    private static Path root;
    private static Release release;

    @BeforeAll
    static void unpack() throws Exception {
        root = Files.createTempDirectory("connectops-release-");
        Path archive = Path.of(System.getProperty("release.archive"));
        assertEquals(0, new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", root.toString()).inheritIO().start().waitFor());
        Path home = root.resolve("connectops-" + VERSION);
        Path path = Files.createDirectories(root.resolve("path"));
        Files.createSymbolicLink(path.resolve("connectops"), home.resolve("bin/connectops"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(path.resolve(tool), which(tool));
        }
        release = new Release(home, path, Files.createDirectories(root.resolve("user")), Files.createDirectories(root.resolve("work")));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarsTheExamplesTheManifestsAndTheLicences() throws Exception {
        Path home = release.home();
        assertTrue(Files.isExecutable(home.resolve("bin/connectops")));
        assertTrue(Files.exists(home.resolve("lib/connectops-cli-" + VERSION + ".jar")));
        assertTrue(Files.exists(home.resolve("examples/file-pipeline.yaml")));
        assertTrue(Files.exists(home.resolve("deploy/base/kustomization.yaml")));
        assertTrue(Files.exists(home.resolve("docs/install.md")));
        String thirdParty = Files.readString(home.resolve("licenses/THIRD-PARTY.txt"));
        assertTrue(thirdParty.contains("org.apache.kafka:kafka-clients:") && thirdParty.contains("info.picocli:picocli:"), thirdParty);
        assertTrue(Files.exists(home.resolve("licenses/kafka-clients")), "the jars' own licence files");
        // The zip holds the same files as the tar.gz.
        Set<String> zipped = new TreeSet<>();
        try (ZipFile zip = new ZipFile(System.getProperty("release.zip"))) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> zipped.add(e.getName()));
        }
        Set<String> unpacked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("connectops-" + VERSION))) {
            files.filter(Files::isRegularFile).forEach(p -> unpacked.add(root.relativize(p).toString()));
        }
        assertEquals(unpacked, zipped);
    }

    @Test
    void runsFromAnyDirectoryThroughThePathWithNoMaven() throws Exception {
        assertFalse(release.run("bash", "-c", "command -v mvn || command -v mvnw").ok(), "no Maven on the PATH");
        Run version = release.run("connectops", "--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("connectops " + VERSION + " (commit ") && version.out().contains(" built 20"), version.out());

        Run validate = release.run("connectops", "validate", "-f", release.home().resolve("examples").toString());
        assertEquals(0, validate.code(), validate.err());
        assertTrue(validate.out().startsWith("valid: 3 connectors, 2 topics"), validate.out());

        Run completion = release.run("connectops", "completion", "bash");
        assertEquals(0, completion.code(), completion.err());
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("--bootstrap-server"), "every command's options");
    }

    /** Every newer JDK this machine has (Temurin's in /usr/lib/jvm here): the same commands, and not one warning. */
    @Test
    void newerJavaRuntimesRunItWithoutWarnings() throws Exception {
        List<Path> newer = new ArrayList<>();
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : jdks.sorted().toList()) {
                Path release = jdk.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(jdk.resolve("bin/java"))
                        && Files.readString(release).matches("(?s).*JAVA_VERSION=\"(2[1-9]|[3-9][0-9])[.\"].*")) {
                    newer.add(jdk);
                }
            }
        } catch (java.nio.file.NoSuchFileException none) {
            // no JDKs there
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(newer.isEmpty(), "no Java 21 or newer in /usr/lib/jvm here");
        for (Path jdk : newer) {
            // A HOME of its own: its class-data archive is not the one the other tests look for.
            Release on = release.withEnv("JAVA_HOME", jdk.toString()).withEnv("HOME", Files.createDirectories(root.resolve("home-" + jdk.getFileName())).toString());
            Run version = on.run("connectops", "--version");
            assertEquals(0, version.code(), version.err());
            for (int i = 0; i < 2; i++) { // the second run maps the archive when the first one's training is done
                Run validate = on.run("connectops", "validate", "-f", release.home().resolve("examples").toString());
                assertEquals(0, validate.code(), jdk + ": " + validate.err());
                assertEquals("", validate.err(), jdk + ": nothing on stderr");
            }
        }
    }

    @Test
    void longRunningCommandsRunAsServersAndOneShotCommandsStartFast() throws Exception {
        Release flags = release.withEnv("CONNECTOPS_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        for (List<String> command : List.of(List.of("sync", "--help"), List.of("--policy", "p", "operator", "--help"),
                List.of("dev", "--help"), List.of("demo", "--help"))) {
            String printed = flags.run(prepend("connectops", command)).out();
            assertTrue(printed.contains("-XX:+UseG1GC") && printed.contains("-XX:MaxRAMPercentage=60")
                    && !printed.contains("TieredStopAtLevel"), command + ": " + printed);
        }
        for (List<String> command : List.of(List.of("plan", "--help"), List.of("-o", "json", "validate", "--help"), List.of("--version"))) {
            String printed = flags.run(prepend("connectops", command)).out();
            assertTrue(printed.contains("-XX:+UseSerialGC") && printed.contains("-XX:TieredStopAtLevel=1"), command + ": " + printed);
        }
        String chosen = flags.withEnv("CONNECTOPS_JVM", "server").run("connectops", "plan", "--help").out();
        assertTrue(chosen.contains("-XX:+UseG1GC"), "CONNECTOPS_JVM=server: " + chosen);
    }

    private static String[] prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    @Test
    void theClassDataArchiveIsMadeInTheUsersCacheAndUsedOrSilentlyLeftOut() throws Exception {
        // A HOME no other test used: its first run finds no archive, whatever ran before.
        Path user = Files.createDirectories(root.resolve("cds-home"));
        Release fresh = release.withEnv("HOME", user.toString());
        Path cds = user.resolve(".cache/connectops/cds");
        for (int i = 0; i < 3; i++) { // while the first run's training goes on, the next ones start none of their own
            assertEquals(0, fresh.run("connectops", "validate", "-f", release.home().resolve("examples").toString()).code());
        }
        long trainings = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .filter(line -> line.contains("-XX:ArchiveClassesAtExit=" + cds)).isPresent()).count(); // (long lines are cut at 4 KiB)
        assertTrue(trainings <= 1, "one training at a time, not " + trainings);
        Path archive = awaitArchive(cds, Duration.ofMinutes(2));
        Run mapped = fresh.withEnv("CONNECTOPS_JAVA_OPTS", "-Xlog:cds=info")
                .run("connectops", "validate", "-f", release.home().resolve("examples").toString());
        assertEquals(0, mapped.code(), mapped.err());
        assertTrue(mapped.out().contains(archive.toString()), "the JVM opened " + archive + ": " + mapped.out());

        // A HOME where nothing can be made (a file): the command runs as well, and says nothing of the archive.
        Path notADirectory = Files.writeString(root.resolve("home-file"), "");
        Run noCache = release.withEnv("HOME", notADirectory.toString())
                .run("connectops", "validate", "-f", release.home().resolve("examples").toString());
        assertEquals(0, noCache.code(), noCache.err());
        assertEquals("", noCache.err());

        // A cache directory others may write to (an archive is code the JVM maps): neither made nor used there.
        Path shared = Files.createDirectories(root.resolve("shared-home/.cache/connectops/cds"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(archive, shared.resolve(archive.getFileName()));
        Run open = release.withEnv("HOME", root.resolve("shared-home").toString()).withEnv("CONNECTOPS_JAVA_OPTS", "-Xlog:cds=info")
                .run("connectops", "validate", "-f", release.home().resolve("examples").toString());
        assertEquals(0, open.code(), open.err());
        assertFalse(open.out().contains(shared.toString()), "an archive in a directory others may write is not mapped: " + open.out());
        try (Stream<Path> files = Files.list(shared)) {
            assertEquals(1, files.count(), "and no training started there");
        }
    }

    @Test
    void devStartsTheEmbeddedStackAndPlanRunsAgainstIt() throws Exception {
        int kafkaPort = freePort();
        int connectPort = freePort();
        Path topics = Files.writeString(release.work().resolve("topics.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: release-check}
                spec: {partitions: 1}
                """);
        try (DevProcess dev = DevProcess.start(release, "dev", "--kafka-port", String.valueOf(kafkaPort),
                "--connect-port", String.valueOf(connectPort))) {
            dev.awaitLine("Press Ctrl-C to stop.", Duration.ofMinutes(4));
            Run connectors = release.run("connectops", "plan", "-f", release.home().resolve("examples/file-pipeline.yaml").toString(),
                    "--connect-url", "http://127.0.0.1:" + connectPort);
            assertEquals(2, connectors.code(), connectors.out() + connectors.err()); // changes to make
            assertTrue(connectors.out().contains("orders-file-source") && connectors.out().contains("create"), connectors.out());
            Run topic = release.run("connectops", "plan", "-f", topics.toString(), "--bootstrap-server", "127.0.0.1:" + kafkaPort);
            assertEquals(2, topic.code(), topic.out() + topic.err());
            assertTrue(topic.out().contains("release-check"), topic.out());
            assertEquals(0, dev.stop(Duration.ofMinutes(1)), dev.output());
            assertTrue(dev.output().contains("Stopped."), dev.output());
        }
    }

    private static Path awaitArchive(Path dir, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa")).toList();
                    if (!archives.isEmpty()) {
                        return archives.get(0);
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling for a condition, bounded by the deadline
        }
        throw new AssertionError("no class-data archive in " + dir + " within " + within);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + tool + " in /usr/bin or /bin");
    }

    /** What a command printed and how it ended. */
    record Run(int code, String out, String err) {
        boolean ok() {
            return code == 0;
        }
    }

    /** The unpacked release, and the environment its commands run in. */
    record Release(Path home, Path path, Path user, Path work, java.util.Map<String, String> extra) {
        Release(Path home, Path path, Path user, Path work) {
            this(home, path, user, work, java.util.Map.of());
        }

        Release withEnv(String name, String value) {
            java.util.Map<String, String> more = new java.util.HashMap<>(extra);
            more.put(name, value);
            return new Release(home, path, user, work, more);
        }

        /** {@code command} as a shell runs it: found on the PATH the test gives (Java would look in its own). */
        ProcessBuilder builder(String... command) {
            List<String> shell = new ArrayList<>(List.of(path.resolve("bash").toString(), "-c", "exec \"$0\" \"$@\""));
            shell.addAll(List.of(command));
            ProcessBuilder builder = new ProcessBuilder(shell).directory(work.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", path.toString());
            builder.environment().put("HOME", user.toString());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(extra);
            return builder;
        }

        Run run(String... command) throws Exception {
            Path out = Files.createTempFile(root, "out", ".txt");
            Path err = Files.createTempFile(root, "err", ".txt");
            Process process = builder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /** connectops dev, running until stopped as Ctrl-C stops it (SIGTERM runs the same shutdown). */
    static final class DevProcess implements AutoCloseable {
        private final Process process;
        private final Path log;

        private DevProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static DevProcess start(Release release, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("connectops"));
            command.addAll(List.of(args));
            Path log = Files.createTempFile(root, "dev", ".txt");
            Process process = release.builder(command.toArray(String[]::new)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new DevProcess(process, log);
        }

        void awaitLine(String line, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (!output().contains(line)) {
                if (!process.isAlive()) {
                    throw new AssertionError("dev ended (exit " + process.exitValue() + ") before '" + line + "':\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no '" + line + "' within " + within + ":\n" + output());
                }
                process.waitFor(200, TimeUnit.MILLISECONDS); // returns at once if it ends
            }
        }

        int stop(Duration within) throws Exception {
            process.destroy();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("dev did not stop within " + within + ":\n" + output());
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
