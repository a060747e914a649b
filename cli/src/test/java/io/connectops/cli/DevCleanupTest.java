package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'dev' without --data-dir leaves nothing behind once stopped (it left a /tmp/connectops-dev-*.log on every run). */
class DevCleanupTest {
    @Test
    void aStoppedDevStackWithoutADataDirLeavesNoFile(@TempDir Path tmp) throws Exception {
        Path temporary = Files.createDirectories(tmp.resolve("tmp"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process dev = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + temporary, "-cp", classpath, "io.connectops.cli.Main", "dev", "--kafka-port", "0", "--connect-port", "0")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(dev.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            boolean up = false;
            for (String line; !up && (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                up = line.trim().startsWith("connect worker 1");
            }
            assertTrue(up, "the stack did not come up:\n" + seen);
            try (Stream<Path> files = Files.list(temporary)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("connectops-dev-")), "its log while it runs");
            }
            dev.destroy(); // SIGTERM: the stack stops cleanly
            assertTrue(dev.waitFor(60, TimeUnit.SECONDS), "stopped");
            assertEquals(0, dev.exitValue());
        } finally {
            dev.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(temporary)) {
            List<String> left = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("connectops-dev-")).toList();
            assertEquals(List.of(), left, "nothing of the run is left");
        }
    }
}
