package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end: real parsing, real files, a real embedded Kafka + Connect. */
@ExtendWith(DevStackExtension.class)
class CliTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";

    record Run(int code, String out, String err) {
    }

    DevStack stack;
    ConnectClient admin;
    /** The -f directory; state files (ownership, saved plans) live beside it in {@link #state}. */
    Path dir;
    Path state;
    String prefix;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path tmp) throws Exception {
        this.stack = stack;
        this.state = tmp;
        this.dir = Files.createDirectories(tmp.resolve("manifests"));
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "c" + UUID.randomUUID().toString().substring(0, 6) + "-";
        writeCluster(stack.connectUrl().toString());
    }

    void writeCluster(String url) throws Exception {
        writeCluster(dir, url, state.resolve("owned.json"));
    }

    /** A ConnectCluster "local" at {@code url} in {@code dir}, its ownership record in a file. */
    static void writeCluster(Path dir, String url, Path ownershipFile) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: local}
                spec:
                  url: %s
                  ownership: {file: %s}
                """.formatted(url, ownershipFile));
    }

    void writeConnector(String name, String state, String label) throws Exception {
        Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s%s}
                spec:
                  class: %s
                  tasksMax: 1
                  state: %s
                  config: {noop.label: %s}
                """.formatted(prefix, name, NOOP, state, label));
    }

    static Run run(String... args) {
        return runWith(java.util.Map.of(), args);
    }

    /** One command line in this JVM, through the same redacting writers as a real run, with {@code env} as its environment. */
    static Run runWith(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env);
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    void awaitState(String name, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (admin.status(name).map(s -> s.state()).orElse("ABSENT").equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not reach " + state);
    }

    @Test
    void everyCommandHasHelpAndTheVersionIsPrinted() {
        Run version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().contains("connectops") && version.out().contains("Kafka 4.3"), version.out());
        CommandLine root = Main.commandLine();
        for (String command : root.getSubcommands().keySet()) {
            Run help = run(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().startsWith("Usage: connectops " + root.getSubcommands().get(command).getCommandName()), help.out());
        }
        for (String shell : List.of("bash", "zsh")) {
            Run completion = run("completion", shell);
            assertEquals(0, completion.code());
            assertTrue(completion.out().contains("complete -F") && completion.out().contains("ZSH_VERSION"), "a bash and zsh script");
            // Every command, though a one-shot run registers only the one it names.
            assertTrue(completion.out().contains("plan") && completion.out().contains("--bootstrap-server"), completion.out());
        }
    }

    @Test
    void usageErrorsAreOneLineWithExitOne() {
        Run bad = run("plan", "--no-such-option");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("error: unknown option '--no-such-option'"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace without -v");
    }

    @Test
    void planExitCodesTellChangesFromNoChangesFromErrors() throws Exception {
        writeConnector("p", "running", "one");
        Run pending = run("plan", "-f", dir.toString());
        assertEquals(2, pending.code(), pending.err());
        assertTrue(pending.out().contains("+ " + prefix + "p will be created"), pending.out());
        assertTrue(pending.out().contains("Plan: 1 to create"), pending.out());

        Run apply = run("apply", "-f", dir.toString());
        assertEquals(0, apply.code(), apply.out() + apply.err());
        awaitState(prefix + "p", "RUNNING");
        Run clean = run("diff", "-f", dir.toString());
        assertEquals(0, clean.code(), clean.out() + clean.err());

        writeCluster("http://127.0.0.1:1");
        Run unreachable = run("plan", "-f", dir.toString());
        assertEquals(1, unreachable.code());
        assertTrue(unreachable.out().contains("unreachable"), unreachable.out());
    }

    @Test
    void malformedInputExitsOneNamesFileAndLineAndWritesNothing() throws Exception {
        try (FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            writeCluster(proxy.url().toString());
            writeConnector("fine", "running", "x");
            Files.writeString(dir.resolve("broken.yaml"), """
                    apiVersion: connectops.io/v1alpha1
                    kind: Connector
                    metadata: {name: %sbroken}
                    spec:
                      class: %s
                      tasksMax: many
                    """.formatted(prefix, NOOP));
            for (String command : List.of("validate", "plan", "apply")) {
                Run run = run(command, "-f", dir.toString());
                assertEquals(1, run.code(), command);
                assertTrue(run.err().contains(dir.resolve("broken.yaml") + ":6:3") && run.err().contains("spec.tasksMax"), run.err());
                assertTrue(run.err().contains("nothing was changed"), run.err());
            }
            assertEquals(List.of(), proxy.requests(), "bad input: not a single call to Connect");
        }
        assertTrue(admin.config(prefix + "fine").isEmpty());
    }

    @Test
    void outputFormatsShareOnePlanAndGlobalOptionsGoAnywhere() throws Exception {
        writeConnector("j", "paused", "x");
        Run before = run("-o", "json", "plan", "-f", dir.toString());
        Run after = run("plan", "-f", dir.toString(), "--output", "json");
        assertEquals(2, before.code(), before.err());
        JsonNode a = new ObjectMapper().readTree(before.out());
        JsonNode b = new ObjectMapper().readTree(after.out());
        assertEquals(a.path("digest"), b.path("digest"));
        assertEquals(1, a.path("formatVersion").asInt());
        assertEquals(1, a.path("summary").path("create").asInt());
        JsonNode change = a.path("clusters").get(0).path("changes").get(0);
        assertEquals("create", change.path("action").asText());
        assertEquals("paused", change.path("desiredState").asText());
        assertTrue(change.path("source").asText().endsWith("j.yaml:3:12"), change.toString());

        Run markdown = run("plan", "-f", dir.toString(), "-o", "markdown");
        assertTrue(markdown.out().contains("| + | `" + prefix + "j` | create (paused) |"), markdown.out());
        Run yaml = run("plan", "-f", dir.toString(), "-o", "yaml");
        assertTrue(yaml.out().contains("formatVersion: 1"), yaml.out());
    }

    @Test
    void aSavedPlanIsAppliedAsReviewedAndRefusedOnceStale() throws Exception {
        writeConnector("s", "running", "v1");
        Path planFile = state.resolve("plan.json");
        assertEquals(2, run("plan", "-f", dir.toString(), "--out", planFile.toString()).code());
        Run applied = run("apply", "-f", dir.toString(), "--plan", planFile.toString());
        assertEquals(0, applied.code(), applied.out() + applied.err());
        awaitState(prefix + "s", "RUNNING");

        writeConnector("s", "running", "v2");
        assertEquals(2, run("plan", "-f", dir.toString(), "--out", planFile.toString()).code());
        admin.pause(prefix + "s"); // somebody changes the cluster after the review
        awaitState(prefix + "s", "PAUSED");
        Run stale = run("apply", "-f", dir.toString(), "--plan", planFile.toString());
        assertEquals(1, stale.code());
        assertTrue(stale.err().contains("stale") && stale.err().contains("live state"), stale.err());
        assertEquals("v1", admin.config(prefix + "s").orElseThrow().get("noop.label"), "a refused plan writes nothing");

        assertEquals(2, run("plan", "-f", dir.toString(), "--out", planFile.toString()).code());
        writeConnector("s", "running", "v3");
        Run changedFiles = run("apply", "-f", dir.toString(), "--plan", planFile.toString());
        assertEquals(1, changedFiles.code());
        assertTrue(changedFiles.err().contains("files changed"), changedFiles.err());
    }

    @Test
    void statusShowsOwnerSyncAndFailedTasks() throws Exception {
        writeConnector("ok", "running", "x");
        assertEquals(0, run("apply", "-f", dir.toString()).code());
        admin.create(prefix + "failing", java.util.Map.of("connector.class", NOOP, "tasks.max", "1", "noop.fail", "true"), null);
        awaitState(prefix + "ok", "RUNNING");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Run status;
        do {
            status = run("status", "-f", dir.toString());
            Thread.sleep(200);
        } while (!status.out().contains("task 0 FAILED") && Instant.now().isBefore(deadline));
        assertEquals(0, status.code(), status.err());
        String out = status.out();
        assertTrue(out.lines().anyMatch(l -> l.contains(prefix + "ok") && l.contains("RUNNING") && l.contains("1/1")
                && l.contains("connectops") && l.contains("Synced") && l.contains("Healthy")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains(prefix + "failing") && l.contains("0/1") && l.contains("unmanaged")), out);
        assertTrue(out.contains("task 0 FAILED on 127.0.0.1:") && out.contains("noop task failing on purpose"), out);

        Run json = run("status", "-f", dir.toString(), "-o", "json");
        JsonNode rows = new ObjectMapper().readTree(json.out()).path("connectors");
        assertTrue(rows.toString().contains("\"sync\":\"Synced\"") && rows.toString().contains("\"health\":\"Healthy\""), json.out());

        Run refused = run("delete", prefix + "failing", "-f", dir.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("not owned"), refused.err());
        assertTrue(admin.config(prefix + "failing").isPresent());
        assertEquals(0, run("adopt", prefix + "failing", "-f", dir.toString()).code());
        assertEquals(0, run("delete", prefix + "failing", "-f", dir.toString()).code());
        assertTrue(admin.config(prefix + "failing").isEmpty());
    }

    @Test
    void exportWritesFilesThatPlanAsNoChangeAndKeepsSecretsOut() throws Exception {
        admin.create(prefix + "exported", java.util.Map.of("connector.class", NOOP, "tasks.max", "2", "noop.label", "from-live",
                "db.password", "hunter2"), null);
        awaitState(prefix + "exported", "RUNNING");
        Path exportDir = state.resolve("exported");
        Run export = run("export", "-f", dir.resolve("cluster.yaml").toString(), "--dir", exportDir.toString());
        assertEquals(0, export.code(), export.err());
        String file = Files.readString(exportDir.resolve(prefix + "exported.yaml"));
        assertFalse(file.contains("hunter2"), file);
        assertTrue(file.contains("tasksMax: 2") && file.contains("noop.label: from-live"), file);
        assertTrue(export.err().contains("sensitive"), export.err());
        Files.writeString(exportDir.resolve(prefix + "exported.yaml"), file.replace(ExportCommand.SECRET_PLACEHOLDER, "hunter2"));
        Run plan = run("plan", "-f", dir.resolve("cluster.yaml").toString(), "-f", exportDir.resolve(prefix + "exported.yaml").toString());
        assertEquals(0, plan.code(), plan.out() + plan.err());
        // From --connect-url: the cluster is written too, and the directory plans on its own (it did not, before).
        Path fromUrl = state.resolve("from-url");
        Run exportUrl = run("export", "--connect-url", stack.connectUrl().toString(), "--dir", fromUrl.toString());
        assertEquals(0, exportUrl.code(), exportUrl.err());
        assertTrue(Files.readString(fromUrl.resolve("default-cluster.yaml")).contains("kind: ConnectCluster"));
        Files.writeString(fromUrl.resolve(prefix + "exported.yaml"), Files.readString(fromUrl.resolve(prefix + "exported.yaml"))
                .replace(ExportCommand.SECRET_PLACEHOLDER, "hunter2"));
        Run planDir = run("plan", "-f", fromUrl.resolve(prefix + "exported.yaml").toString(), "-f", fromUrl.resolve("default-cluster.yaml").toString());
        assertTrue(planDir.code() != 1, "the exported files plan on their own: " + planDir.out() + planDir.err());
        assertFalse(run("export", "--help").out().contains("such as null"), "the help shows ${file:...}, not what picocli made of it");
        admin.delete(prefix + "exported");
    }
}
