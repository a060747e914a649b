package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.BeforeEach;
import io.connectops.devstack.junit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets first: nothing misleads, and ownership is the cluster's, not the directory's. */
@ExtendWith(DevStackExtension.class)
class FirstContactCliTest {
    static final String NOOP = CliTest.NOOP;

    DevStack stack;
    ConnectClient admin;
    Path dir;
    String prefix;
    String url;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path tmp) throws Exception {
        this.stack = stack;
        this.dir = Files.createDirectories(tmp.resolve("files"));
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "n" + UUID.randomUUID().toString().substring(0, 6) + "-";
        this.url = stack.connectUrl().toString();
    }

    String connector(String name) {
        return """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s%s}
                spec: {class: %s, tasksMax: 1, config: {noop.label: x}}
                """.formatted(prefix, name, NOOP);
    }

    @Test
    void withoutDeclarationsPlanApplyAndValidateFailNamingWhatWasRead() throws Exception {
        for (String command : new String[] {"plan", "apply", "validate"}) {
            CliTest.Run none = CliTest.run(command, "--connect-url", url);
            assertEquals(1, none.code(), command + ": " + none.err());
            assertTrue(none.err().contains("nothing to " + command), none.err());
        }
        CliTest.Run prune = CliTest.run("apply", "--prune", "--connect-url", url);
        assertEquals(1, prune.code(), "an apply --prune of nothing never runs");
        Files.writeString(dir.resolve("README.md"), "# not a manifest\n");
        CliTest.Run noYaml = CliTest.run("validate", "-f", dir.toString());
        assertEquals(1, noYaml.code());
        assertTrue(noYaml.err().contains(dir + ": no *.yaml, *.yml or *.json file in it"), noYaml.err());
        Files.writeString(dir.resolve("other.yaml"), "# only a comment\n---\n");
        CliTest.Run nothingDeclared = CliTest.run("plan", "-f", dir.toString(), "--connect-url", url);
        assertEquals(1, nothingDeclared.code());
        assertTrue(nothingDeclared.err().contains("found no Connector"), nothingDeclared.err());
    }

    @Test
    void emptyDocumentsAreSkippedAsKubectlDoes() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "# generated\n---\n" + connector("a") + "---\n# nothing here\n---\n");
        CliTest.Run valid = CliTest.run("validate", "-f", dir.toString());
        assertEquals(0, valid.code(), valid.err());
        assertEquals("valid: 1 connector\n", valid.out());
    }

    @Test
    void offlineValidationNeedsNoClusterButPlanNeedsADestination() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), connector("a") + "---\n" + connector("b").replace("spec: {", "spec: {cluster: prod, "));
        CliTest.Run offline = CliTest.run("validate", "-f", dir.toString());
        assertEquals(0, offline.code(), offline.err());
        CliTest.Run plan = CliTest.run("plan", "-f", dir.toString());
        assertEquals(1, plan.code());
        assertTrue(plan.err().contains("has no Connect cluster to go to"), plan.err());
        CliTest.Run online = CliTest.run("validate", "--online", "-f", dir.toString());
        assertEquals(1, online.code());
        assertTrue(online.err().contains("has no Connect cluster to go to"), online.err());
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestion() {
        CliTest.Run command = CliTest.run("aply");
        assertEquals(1, command.code());
        assertTrue(command.err().startsWith("error: unknown command 'aply': did you mean 'apply'?"), command.err());
        CliTest.Run option = CliTest.run("plan", "--prnue");
        assertTrue(option.err().startsWith("error: unknown option '--prnue': did you mean '--prune'?"), option.err());
        assertEquals(PlanCommand.class, Main.commandNamed("--connect-url", "http://x:8083", "-o", "json", "diff", "-f", "x"));
        assertNull(Main.commandNamed("--help"));
    }

    @Test
    void keysThePluginDoesNotDefineAreWarnedAtTheirOwnLineWithTheNearestKey() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata:
                  name: %styped
                spec:
                  class: org.apache.kafka.connect.file.FileStreamSinkConnector
                  config:
                    topics: orders
                    fiel: /tmp/typed.txt
                    tasksmax: "2"
                    transforms.x.type: anything
                """.formatted(prefix));
        CliTest.Run validate = CliTest.run("validate", "--online", "-f", dir.toString(), "--connect-url", url);
        assertEquals(0, validate.code(), "warnings, not errors: " + validate.err());
        assertTrue(validate.err().contains("a.yaml:9:5: spec.config.fiel is not a setting of org.apache.kafka.connect.file.FileStreamSinkConnector "
                + "(did you mean 'spec.config.file'?)"), validate.err());
        assertTrue(validate.err().contains("a.yaml:10:5: spec.config.tasksmax is not a setting") && validate.err().contains("(did you mean 'spec.tasksMax'?)"),
                validate.err());
        assertFalse(validate.err().contains("spec.config.topics") || validate.err().contains("transforms.x"), "defined, or an open family");
        // plan asks the plugins with --online (apply always does): the warning is the connector's note.
        CliTest.Run plan = CliTest.run("plan", "--online", "-f", dir.toString(), "--connect-url", url);
        assertEquals(2, plan.code(), plan.err());
        assertTrue(plan.out().contains("# warning: " + dir.resolve("a.yaml") + ":9:5: spec.config.fiel is not a setting"),
                "the plan says it at the connector: " + plan.out());
    }

    @Test
    void aDeclaredOwnershipMarkerIsRefusedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), connector("a").replace("config: {noop.label: x}", "config: {noop.label: x, connectops.io/owner: me}"));
        CliTest.Run run = CliTest.run("validate", "-f", dir.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("a.yaml:4:") && run.err().contains("'connectops.io/owner' is connectops' own ownership record"),
                run.err());
    }

    @Test
    void ownershipIsTheClustersSoAnyRunWithoutLocalStateSeesIt() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), connector("ours"));
        assertEquals(0, CliTest.run("apply", "-f", dir.toString(), "--connect-url", url, "--skip-online-validation").code());
        admin.create(prefix + "theirs", Map.of("connector.class", NOOP, "tasks.max", "1"), null);
        awaitListed(prefix + "ours");
        awaitListed(prefix + "theirs");

        // Nothing but the URL: no files, no state, as from a fresh CI checkout or another directory.
        CliTest.Run status = CliTest.run("status", "--connect-url", url, "-o", "json");
        assertTrue(status.out().matches("(?s).*\"connector\" : \"" + prefix + "ours\".*?\"owner\" : \"connectops\".*"), status.out());
        assertTrue(status.out().matches("(?s).*\"connector\" : \"" + prefix + "theirs\".*?\"owner\" : \"unmanaged\".*"), status.out());
        CliTest.Run refused = CliTest.run("delete", prefix + "theirs", "--connect-url", url);
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("not owned by connectops, left alone"), refused.err());
        assertTrue(admin.config(prefix + "theirs").isPresent());
        assertEquals(0, CliTest.run("delete", prefix + "ours", "--connect-url", url).code());
        assertTrue(admin.config(prefix + "ours").isEmpty());
        admin.delete(prefix + "theirs");
    }

    @Test
    void imperativeCommandsActOnlyOnConnectopsOwnConnectorsUnlessForced() throws Exception {
        String theirs = prefix + "team-b";
        admin.create(theirs, Map.of("connector.class", NOOP, "tasks.max", "1", "connectops.io/owner", "team-b"), null);
        awaitListed(theirs);
        CliTest.Run paused = CliTest.run("pause", theirs, "--connect-url", url);
        assertEquals(1, paused.code());
        assertTrue(paused.err().contains("owner 'team-b'") && paused.err().contains("--force"), paused.err());
        CliTest.Run reset = CliTest.run("offsets", "reset", theirs, "--stop", "--connect-url", url);
        assertEquals(1, reset.code());
        assertTrue(reset.err().contains("owner 'team-b'"), reset.err());
        assertEquals("RUNNING", admin.status(theirs).orElseThrow().state(), "refused before the stop: nothing changed");
        CliTest.Run adopt = CliTest.run("adopt", theirs, "--connect-url", url);
        assertEquals(1, adopt.code());
        assertTrue(adopt.err().contains("owner 'team-b'") && adopt.err().contains("nothing adopted"), adopt.err());
        assertEquals("team-b", admin.config(theirs).orElseThrow().get("connectops.io/owner"), "another owner's connector is never taken over");
        assertEquals(0, CliTest.run("pause", theirs, "--force", "--connect-url", url).code());
        Await.until("paused by force", java.time.Duration.ofSeconds(30), () -> "PAUSED".equals(admin.status(theirs).orElseThrow().state()));
        admin.delete(theirs);
    }

    @Test
    void livePasswordsInUrlsAndQueryParametersNeverPrint() throws Exception {
        admin.create(prefix + "live", Map.of("connector.class", NOOP, "tasks.max", "1",
                "connection.uri", "mongodb://admin:LIVEPASS123@db.example:27017/orders",
                "callback", "https://hooks.example/notify?channel=ops&token=LIVETOKEN456"), null);
        awaitListed(prefix + "live");
        Files.writeString(dir.resolve("a.yaml"), connector("live"));
        CliTest.Run plan = CliTest.run("plan", "-f", dir.toString(), "--connect-url", url);
        CliTest.Run json = CliTest.run("plan", "-f", dir.toString(), "--connect-url", url, "-o", "json");
        CliTest.Run export = CliTest.run("export", "--connect-url", url);
        for (CliTest.Run run : new CliTest.Run[] {plan, json, export}) {
            String all = run.out() + run.err();
            assertFalse(all.contains("LIVEPASS123") || all.contains("LIVETOKEN456"), all);
        }
        assertTrue(plan.out().contains("mongodb://admin:(sensitive)@db.example:27017/orders"), plan.out());
        assertTrue(plan.out().contains("channel=ops&token=(sensitive)"), plan.out());
        admin.delete(prefix + "live");
    }

    @Test
    void planOutSaysWhereItSaved() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), connector("p"));
        Path saved = dir.resolveSibling("plan.json");
        CliTest.Run plan = CliTest.run("plan", "-f", dir.toString(), "--connect-url", url, "--out", saved.toString());
        assertEquals(2, plan.code(), plan.err());
        assertTrue(plan.err().contains("Saved the plan to " + saved), plan.err());
        assertFalse(Files.readString(saved).isBlank());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)),
                "a saved plan is its owner's only");
    }

    @Test
    void anUnknownHostIsSaidInWordsAUserActsOn() {
        CliTest.Run status = CliTest.run("status", "--connect-url", "http://no-such-host.invalid:8083");
        assertEquals(1, status.code());
        assertTrue(status.out().contains("the host name 'no-such-host.invalid' could not be resolved"), status.out());
    }

    void awaitListed(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!admin.readAll().connectors().containsKey(name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " never listed");
            }
            Thread.sleep(50);
        }
    }
}
