package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.Records;
import io.connectops.devstack.junit.DevStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectops offsets} on the real stack with Kafka's FileStream source: a reset makes it read its file
 * again from the start, a set moves it to a given position, and a connector that is not stopped is refused
 * unless {@code --stop} (then its state is restored).
 */
@ExtendWith(DevStackExtension.class)
class OffsetsCliTest {
    @Test
    void resetMakesAFileSourceReadItsFileAgainAndSetMovesIt(DevStack stack, @TempDir Path tmp) throws Exception {
        String name = "f" + UUID.randomUUID().toString().substring(0, 6) + "-file";
        String topic = name + "-lines";
        Path input = tmp.resolve("in.txt");
        Files.writeString(input, "one\ntwo\nthree\n");
        Path dir = Files.createDirectories(tmp.resolve("manifests"));
        CliTest.writeCluster(dir, stack.connectUrl().toString(), tmp.resolve("owned.json"));
        Files.writeString(dir.resolve("file.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s}
                spec:
                  class: org.apache.kafka.connect.file.FileStreamSourceConnector
                  tasksMax: 1
                  config: {file: %s, topic: %s}
                """.formatted(name, input, topic));
        assertEquals(0, CliTest.run("apply", "-f", dir.toString()).code());
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("test", stack.connectUrl()));
        try (Admin admin = Admin.create(stack.clientConfig())) {
            Await.until("three lines in the topic", Duration.ofSeconds(60), () -> Records.inFirstPartition(admin, topic) == 3);
            Await.until("the offset committed", Duration.ofSeconds(30), () -> !connect.offsets(name).isEmpty());

            CliTest.Run got = CliTest.run("offsets", "get", name, "-f", dir.toString());
            assertEquals(0, got.code(), got.err());
            assertTrue(got.out().contains("filename=" + input) && got.out().contains("position=14"), got.out());

            CliTest.Run refused = CliTest.run("offsets", "reset", name, "-f", dir.toString());
            assertEquals(ExitCodes.ERROR, refused.code());
            assertTrue(refused.err().contains("is RUNNING") && refused.err().contains("--stop"), refused.err());
            assertEquals("RUNNING", connect.status(name).orElseThrow().state(), "refused: nothing changed");

            CliTest.Run reset = CliTest.run("offsets", "reset", name, "--stop", "-f", dir.toString());
            assertEquals(0, reset.code(), reset.err());
            assertTrue(reset.out().contains("offsets reset; RUNNING again"), reset.out());
            Await.until("the file read again from the start", Duration.ofSeconds(60), () -> Records.inFirstPartition(admin, topic) == 6);
            Await.until("RUNNING again", Duration.ofSeconds(30), () -> "RUNNING".equals(connect.status(name).orElseThrow().state()));

            // Set: back to after the first line ("one\n" is 4 bytes), paused meanwhile: it stays PAUSED after.
            connect.pause(name);
            Await.until("PAUSED", Duration.ofSeconds(30), () -> "PAUSED".equals(connect.status(name).orElseThrow().state()));
            Path offsets = tmp.resolve("offsets.json");
            Files.writeString(offsets, "{\"offsets\": [{\"partition\": {\"filename\": \"" + input + "\"}, \"offset\": {\"position\": 4}}]}");
            CliTest.Run set = CliTest.run("offsets", "set", name, "--from", offsets.toString(), "--stop", "-f", dir.toString());
            assertEquals(0, set.code(), set.err());
            assertTrue(set.out().contains("1 offset(s) set; PAUSED again"), set.out());
            assertEquals(6, Records.inFirstPartition(admin, topic), "paused: nothing read");
            connect.resume(name);
            Await.until("two lines read again", Duration.ofSeconds(60), () -> Records.inFirstPartition(admin, topic) == 8);

            Await.until("the new position committed", Duration.ofSeconds(30),
                    () -> CliTest.run("offsets", "get", name, "-o", "json", "-f", dir.toString()).out().contains("\"position\" : 14"));

            // A bad file is refused before Connect is asked anything: file and line named, the connector untouched.
            Files.writeString(offsets, "offsets:\n  - partition: {filename: x}\n    offset: {position: [1, 2]}\n");
            CliTest.Run bad = CliTest.run("offsets", "set", name, "--from", offsets.toString(), "--stop", "-f", dir.toString());
            assertEquals(ExitCodes.ERROR, bad.code(), bad.err());
            assertTrue(bad.err().contains(offsets + ":3") && bad.err().contains("position"), bad.err());
            assertEquals("RUNNING", connect.status(name).orElseThrow().state());
        }
    }


}
