package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectops dev --plugins-from FILE} as a real process: the declared plugin (Debezium's PostgreSQL connector
 * archive, a test artifact from Maven Central, served on loopback with its sha512) is installed before the workers
 * start, and the workers load it: {@code GET /connector-plugins} lists it. Then SIGTERM stops the stack cleanly.
 */
class DevPluginsTest {
    static final Path DEBEZIUM = Path.of(System.getProperty("debezium.plugin.archive"));

    @Test
    void theDevStackLoadsThePluginsOfTheDeclaredCluster(@TempDir Path tmp) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/debezium.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(DEBEZIUM));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(DEBEZIUM, out);
            }
        });
        server.start();
        Process dev = null;
        try {
            Path cluster = Files.writeString(tmp.resolve("cluster.yaml"), """
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: local}
                    spec:
                      url: http://127.0.0.1:8083
                      plugins:
                        - name: debezium-postgres
                          url: http://127.0.0.1:%d/debezium.tar.gz
                          sha512: %s
                    """.formatted(server.getAddress().getPort(), PluginsCliTest.sha512(DEBEZIUM)));
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            dev = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath,
                    "io.connectops.cli.Main", "dev", "--kafka-port", "0", "--connect-port", "0", "--data-dir", tmp.resolve("data").toString(),
                    "--plugins-from", cluster.toString()).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Process process = dev;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            }, "dev-output");
            reader.setDaemon(true);
            reader.start();
            String url = null;
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (url == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.append(line).append('\n');
                    if (line.trim().startsWith("connect worker 1")) {
                        url = line.trim().substring(line.trim().lastIndexOf(' ') + 1);
                    }
                }
            }
            assertTrue(url != null, "the stack did not come up:\n" + seen);
            assertTrue(seen.toString().contains("debezium-postgres") && seen.toString().contains("installed"), seen.toString());
            assertTrue(Files.exists(tmp.resolve("data/plugins/debezium-postgres")));
            String log = Files.readString(tmp.resolve("data/stack.log"));
            assertTrue(log.contains(" INFO "), "stack.log holds the stack's logs on a healthy run, not only warnings");
            ConnectClient connect = new ConnectClient(ConnectEndpoint.of("dev", java.net.URI.create(url)));
            assertTrue(connect.connectorPlugins().stream().anyMatch(p -> p.className().equals("io.debezium.connector.postgresql.PostgresConnector")),
                    "the workers load the installed plugin");
            dev.destroy(); // SIGTERM: the stack stops cleanly
            assertTrue(dev.waitFor(60, TimeUnit.SECONDS), "stopped");
            assertEquals(0, dev.exitValue());
        } finally {
            if (dev != null) {
                dev.destroyForcibly();
            }
            server.stop(0);
        }
    }
}
