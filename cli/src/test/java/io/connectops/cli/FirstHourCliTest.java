package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stumbles of a first hour (issue 25), each as a new user met it; no cluster is needed for any of them. */
class FirstHourCliTest {
    @Test
    void noCommandIsAUsageErrorNotASuccess() {
        CliTest.Run none = CliTest.run();
        assertEquals(1, none.code());
        assertTrue(none.err().startsWith("error: no command given") && none.err().contains("Usage: connectops"), none.err());
    }

    @Test
    void aPrefixOfAnOptionGetsADidYouMean() {
        CliTest.Run typo = CliTest.run("plan", "--fil", "x");
        assertEquals(1, typo.code());
        assertTrue(typo.err().contains("unknown option '--fil': did you mean '--filename'?"), typo.err());
    }

    @Test
    void statusOfAControllerThatIsNotThereSaysWhy() {
        CliTest.Run status = CliTest.run("status", "--controller", "http://127.0.0.1:1");
        assertEquals(1, status.code());
        assertTrue(status.err().contains("cannot reach the controller at http://127.0.0.1:1/status: connection refused")
                && !status.err().contains("null"), status.err());
    }

    @Test
    void applyWithMarkdownOutputPrintsMarkdown(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: c}
                spec: {class: org.example.Source, config: {topic: x}}
                """);
        CliTest.Run apply = CliTest.run("apply", "-f", dir.toString(), "--connect-url", "http://127.0.0.1:1", "--dry-run", "-o", "markdown");
        assertTrue(apply.out().startsWith("### connectops plan") && !apply.out().contains("{\""), apply.out());
        CliTest.Run status = CliTest.run("status", "--controller", "http://127.0.0.1:1", "-o", "markdown");
        assertFalse(status.out().startsWith("{"), status.out());
    }

    @Test
    void validateSaysWhatEveryKindDeclares() {
        CliTest.Run topics = CliTest.run("validate", "-f", "../examples/kafka");
        assertEquals(0, topics.code(), topics.err());
        assertEquals("valid: 2 topics on 1 Kafka cluster\n", topics.out());
        CliTest.Run all = CliTest.run("validate", "-f", "../examples");
        assertTrue(all.out().startsWith("valid: 3 connectors, 2 topics on 1 Connect cluster and 1 Kafka cluster; checked against 8 policies"),
                all.out());
    }

    @Test
    void kafkaThatIsNotThereIsOneLineThatSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: gone}
                spec: {bootstrapServers: "127.0.0.1:1"}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Topic
                metadata: {name: orders}
                spec: {partitions: 1}
                """);
        CliTest.Run apply = CliTest.run("apply", "-f", dir.toString());
        assertEquals(1, apply.code());
        assertTrue(apply.out().contains("cannot connect to Kafka at 127.0.0.1:1: connection refused (is Kafka running there?"), apply.out());
        assertFalse(apply.err().contains("NetworkClient"), "no client warnings: " + apply.err());
    }

    @Test
    void malformedYamlSaysTheProblemWhereItIsAndHowToFixIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata:\n  name: x\n spec:\n  class: a\n");
        CliTest.Run indent = CliTest.run("validate", "-f", dir.resolve("a.yaml").toString());
        assertEquals(1, indent.code());
        assertTrue(indent.err().contains("a.yaml:5:2: malformed YAML: expected <block end>")
                && indent.err().contains("that starts on line 1") && indent.err().contains("check the indentation"), indent.err());
        Files.writeString(dir.resolve("b.yaml"), "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: x\nspec: {class: a}\n");
        CliTest.Run flow = CliTest.run("validate", "-f", dir.resolve("b.yaml").toString());
        assertTrue(flow.err().contains("is not closed, or a value in it needs quotes"), flow.err());
    }

    @Test
    void aSecondDemoKeepsTheCommitsMadeOnTheLastOnesRepository(@TempDir Path dir) throws Exception {
        Path examples = Files.createDirectories(dir.resolve("examples"));
        Files.writeString(examples.resolve("a.yaml"), "# a\n");
        Path repo = dir.resolve("repo");
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-12-03T10:00:00Z"), java.time.ZoneOffset.UTC);
        DemoRepository.create(examples, repo, "http://127.0.0.1:1/");
        assertTrue(DemoRepository.keepPrevious(repo, clock).isEmpty(), "only the demo's own commit: nothing to keep");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.toFile())) {
            Files.writeString(repo.resolve("connect/a.yaml"), "# paused\n");
            git.commit().setAll(true).setMessage("pause the source").setSign(false).call();
        }
        Path kept = DemoRepository.keepPrevious(repo, clock).orElseThrow();
        assertEquals(dir.resolve("repo-20261203-100000"), kept);
        assertEquals("# paused\n", Files.readString(kept.resolve("connect/a.yaml")));
        assertFalse(Files.exists(repo), "the next demo makes a new one");
    }
}
