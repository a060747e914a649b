package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code connectops compare}: overlays, expected differences, secrets, a Git revision, and files against what is live. */
@ExtendWith(DevStackExtension.class)
class CompareCliTest {
    static final String DEV_SECRET = "Dev-Secret-Value-1";
    static final String PROD_SECRET = "Prod-Secret-Value-2";

    static void connector(Path dir, String name, int tasks, String host, String passwordVariable) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s}
                spec:
                  class: io.connectops.devstack.noop.NoOpSourceConnector
                  tasksMax: %d
                  config:
                    noop.label: %s
                    database.hostname: %s
                %s
                """.formatted(name, tasks, name, host, passwordVariable == null ? "" : "    db.password: \"{{ " + passwordVariable + " }}\""));
    }

    @Test
    void twoOverlaysDifferInOneKeyAndOneConnectorWithExpectedDifferencesApartAndSecretsNeverPrinted(@TempDir Path tmp) throws Exception {
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("db.properties"), "dev.password=" + DEV_SECRET + "\nprod.password=" + PROD_SECRET + "\n");
        connector(tmp.resolve("dev"), "orders-sink", 2, "dev-db", "dev.password");
        connector(tmp.resolve("dev"), "audit", 1, "audit-db", null);
        connector(tmp.resolve("prod"), "orders-sink", 4, "prod-db", "prod.password");
        connector(tmp.resolve("prod"), "audit", 1, "audit-db", null);
        connector(tmp.resolve("prod"), "payments", 1, "pay-db", null);
        Path expected = Files.writeString(tmp.resolve("compare.yaml"), "expectedDifferences:\n  - database.hostname\n");
        String dev = tmp.resolve("dev").toString();
        String prod = tmp.resolve("prod").toString();

        CliTest.Run text = CliTest.run("compare", dev, prod, "--expected-differences", expected.toString(), "--secrets-dir", secrets.toString());
        assertEquals(ExitCodes.CHANGES_PENDING, text.code(), text.err());
        assertTrue(text.out().contains("+ only in B: Connector/payments (" + prod + "/payments.yaml:3)"), text.out());
        assertTrue(text.out().contains("tasks.max: \"2\" ≠ \"4\""), text.out());
        assertTrue(text.out().contains("(expected) database.hostname: \"dev-db\" ≠ \"prod-db\""), text.out());
        assertTrue(text.out().contains("db.password: (sensitive) differs"), text.out());
        assertFalse(text.out().contains("Connector/audit"), "the same: not listed");
        assertTrue(text.out().contains("Different: 1 the same, 1 only in B, 1 differing"), text.out());

        CliTest.Run json = CliTest.run("compare", dev, prod, "--expect", "database.hostname", "--secrets-dir", secrets.toString(), "-o", "json");
        CliTest.Run markdown = CliTest.run("compare", dev, prod, "--secrets-dir", secrets.toString(), "-o", "markdown");
        assertTrue(json.out().contains("\"state\" : \"onlyInB\"") && json.out().contains("\"equal\" : false"), json.out());
        assertTrue(markdown.out().contains("| `Connector/orders-sink` | **differs** | `database.hostname` | `dev-db` | `prod-db` |"), markdown.out());
        for (CliTest.Run run : new CliTest.Run[] {text, json, markdown}) {
            assertFalse((run.out() + run.err()).contains(DEV_SECRET) || (run.out() + run.err()).contains(PROD_SECRET), "no secret printed");
        }

        // Equal, and equal but for what is expected: exit 0.
        assertEquals(ExitCodes.OK, CliTest.run("compare", dev, dev, "--secrets-dir", secrets.toString()).code());
        connector(tmp.resolve("dev2"), "orders-sink", 2, "other-db", "dev.password");
        connector(tmp.resolve("dev2"), "audit", 1, "audit-db", null);
        CliTest.Run onlyExpected = CliTest.run("compare", dev, tmp.resolve("dev2").toString(), "--expect", "database.hostname",
                "--secrets-dir", secrets.toString());
        assertEquals(ExitCodes.OK, onlyExpected.code(), onlyExpected.out());
        assertTrue(onlyExpected.out().contains("(only expected differences)"), onlyExpected.out());
    }

    @Test
    void aGitRevisionAgainstTheWorkingTree(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        connector(repo.resolve("connect"), "orders-sink", 2, "db", null);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("two tasks").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").setSign(false).call();
        }
        connector(repo.resolve("connect"), "orders-sink", 3, "db", null);
        CliTest.Run run = CliTest.run("compare", "git:main:connect", repo.resolve("connect").toString(), "--repo", repo.toString());
        assertEquals(ExitCodes.CHANGES_PENDING, run.code(), run.err());
        assertTrue(run.out().contains("A: git:main:connect") && run.out().contains("tasks.max: \"2\" ≠ \"3\""), run.out());
        CliTest.Run missing = CliTest.run("compare", "git:no-such-branch", repo.resolve("connect").toString(), "--repo", repo.toString());
        assertEquals(ExitCodes.ERROR, missing.code());
        assertTrue(missing.err().contains("no such revision"), missing.err());
    }

    @Test
    void filesAgainstWhatIsLiveAfterAHandChange(DevStack stack, @TempDir Path tmp) throws Exception {
        String name = "c" + UUID.randomUUID().toString().substring(0, 6) + "-orders";
        Path dir = Files.createDirectories(tmp.resolve("connect"));
        CliTest.writeCluster(dir, stack.connectUrl().toString(), tmp.resolve("owned.json"));
        connector(dir, name, 1, "db", null);
        assertEquals(0, CliTest.run("apply", "-f", dir.toString()).code());
        // Connect lists a connector a moment after its create was answered: in sync once it is listed.
        io.connectops.devstack.junit.Await.until("in sync: not listed", java.time.Duration.ofSeconds(30),
                () -> !CliTest.run("compare", dir.toString(), "live:" + dir).out().contains(name));

        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("test", stack.connectUrl()));
        // Another owner's connector on the shared cluster is not this repository's difference (it made compare exit 2).
        String others = name + "-someone-else";
        connect.create(others, Map.of("connector.class", CliTest.NOOP, "noop.label", "theirs"), null);
        io.connectops.devstack.junit.Await.until("listed", java.time.Duration.ofSeconds(30), () -> connect.connectorNames().contains(others));
        CliTest.Run mine = CliTest.run("compare", dir.toString(), "live:" + dir);
        assertFalse(mine.out().contains(others), mine.out());
        assertTrue(CliTest.run("compare", dir.toString(), "live:" + dir, "--all").out().contains(others), "--all shows every connector");
        connect.delete(others);
        Map<String, String> config = new HashMap<>(connect.config(name).orElseThrow());
        config.remove("name");
        config.put("database.hostname", "changed-by-hand");
        connect.putConfig(name, config);
        CliTest.Run drifted = CliTest.run("compare", dir.toString(), "live:" + dir);
        assertEquals(ExitCodes.CHANGES_PENDING, drifted.code());
        assertTrue(drifted.out().contains("~ Connector/" + name) && drifted.out().contains("database.hostname: \"db\" ≠ \"changed-by-hand\""),
                drifted.out());
        CliTest.Run byUrl = CliTest.run("compare", "live:" + stack.connectUrl(), dir.toString());
        assertTrue(byUrl.out().contains("database.hostname: \"changed-by-hand\" ≠ \"db\""), byUrl.out());
        String withPassword = stack.connectUrl().toString().replace("://", "://admin:hunter2-" + name + "@");
        CliTest.Run credentials = CliTest.run("compare", "live:" + withPassword, dir.toString());
        assertEquals(1, credentials.code(), credentials.out());
        assertTrue(credentials.err().contains("may not carry a user or password"), credentials.err());
        assertFalse((credentials.out() + credentials.err()).contains("hunter2-" + name), "the password is never printed");
    }
}
