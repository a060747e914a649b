package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A committed jq program is untrusted: it sees only what the user allowed, and cannot hang or crash the CLI. */
class SandboxCliTest {
    static final Map<String, String> ENV = Map.of("GIT_TOKEN", "glpat-not-for-you-123", "ACC_TOPIC", "acc-hard");

    static String configMap(String program) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm, labels: {destination: connect}}
                data:
                  c.json: |
                    %s
                """.formatted(program);
    }

    @Test
    void jqSeesOnlyTheAllowedEnvironment(@TempDir Path dir) throws Exception {
        // The program fails when it can see the token, or cannot see the allowed variable.
        Files.writeString(dir.resolve("cm.yaml"), configMap("""
                {"name": "c", "config": {"connector.class": (if (env | has("GIT_TOKEN")) or ($ENV | has("GIT_TOKEN")) \
                then error("the token is visible") elif (env | has("ACC_TOPIC")) then "X" else error("ACC_TOPIC is not visible") end)}}"""));
        CliTest.Run without = CliTest.runWith(ENV, "validate", "-f", dir.toString());
        assertEquals(1, without.code());
        assertTrue(without.err().contains("ACC_TOPIC is not visible"), without.err());
        CliTest.Run allowed = CliTest.runWith(ENV, "validate", "-f", dir.toString(), "--allow-env", "ACC_*");
        assertEquals(0, allowed.code(), allowed.err());
        CliTest.Run all = CliTest.runWith(ENV, "validate", "-f", dir.toString(), "--allow-env", "*");
        assertTrue(all.err().contains("the token is visible"), "'*' allows everything, as asked: " + all.err());
    }

    @Test
    void aTemplateOfANotAllowedVariableSaysHowToAllowIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: c}
                spec: {class: X, config: {topics: "{{ env.ACC_TOPIC }}"}}
                """);
        CliTest.Run refused = CliTest.runWith(ENV, "validate", "-f", dir.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("no environment variable ACC_TOPIC is visible") && refused.err().contains("--allow-env ACC_TOPIC"),
                refused.err());
        assertEquals(0, CliTest.runWith(ENV, "validate", "-f", dir.toString(), "--allow-env", "ACC_TOPIC").code());
    }

    @Test
    void pathologicalProgramsAreRefusedWithTheirFileNotACrash(@TempDir Path dir) throws Exception {
        String[] programs = {
            "[".repeat(20_000) + "1" + "]".repeat(20_000),                 // deep: was a StackOverflowError
            "{\"name\": \"c\", \"config\": {\"n\": (last(range(1e18)) | tostring)}}",   // long: kept a core busy
            "{\"name\": \"c\", \"config\": {\"n\": ([range(1e9)] | length | tostring)}}", // large: exhausted the heap
            "def f: 1 + f; {\"name\": \"c\", \"config\": {\"n\": (f | tostring)}}",        // recursion
        };
        for (String program : programs) {
            Files.writeString(dir.resolve("cm.yaml"), configMap(program));
            long started = System.nanoTime();
            CliTest.Run run = CliTest.runWith(ENV, "validate", "-f", dir.toString());
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains("cm.yaml") && run.err().contains("nothing was changed"), run.err());
            assertFalse(run.err().contains("Exception in thread"), run.err());
            assertTrue((System.nanoTime() - started) / 1e9 < 30, "bounded");
        }
    }
}
