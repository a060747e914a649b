package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connectops plugins install|list} from a ConnectCluster's spec.plugins, against a real HTTP server on loopback. */
class PluginsCliTest {
    @Test
    void installsFromTheDeclaredClusterThenNothingAgainAndRefusesAUrlWithoutChecksum(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("sink.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("sink/lib/sink.jar"));
            zip.write("a jar".getBytes());
            zip.closeEntry();
        }
        String sha512 = sha512(archive);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] downloads = {0};
        server.createContext("/sink.zip", exchange -> {
            downloads[0]++;
            exchange.sendResponseHeaders(200, Files.size(archive));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(archive, out);
            }
        });
        server.start();
        try {
            Path dir = Files.createDirectories(tmp.resolve("manifests"));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sink.zip";
            Files.writeString(dir.resolve("cluster.yaml"), """
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: local}
                    spec:
                      url: http://127.0.0.1:8083
                      pluginStorageLimit: 64Mi
                      plugins:
                        - name: file-sink
                          url: %s
                          sha512: %s
                    """.formatted(url, sha512));
            Path plugins = tmp.resolve("plugin-path");
            CliTest.Run first = CliTest.run("plugins", "install", "-f", dir.toString(), "--dir", plugins.toString(),
                    "--maven-cache", tmp.resolve("cache").toString());
            assertEquals(0, first.code(), first.err());
            assertTrue(first.out().contains("file-sink") && first.out().contains("installed"), first.out());
            assertTrue(Files.isRegularFile(plugins.resolve("file-sink/sink/lib/sink.jar")));
            CliTest.Run again = CliTest.run("plugins", "install", "-f", dir.toString(), "--dir", plugins.toString(),
                    "--maven-cache", tmp.resolve("cache").toString());
            assertTrue(again.out().contains("unchanged"), again.out());
            assertEquals(1, downloads[0], "the second install downloads nothing");
            CliTest.Run list = CliTest.run("plugins", "list", "--dir", plugins.toString());
            assertTrue(list.out().contains("file-sink") && list.out().contains("sha512:" + sha512.substring(0, 16)), list.out());
            assertTrue(list.out().contains(" installed ") && !list.out().contains("unchanged"), "a list says what is there: " + list.out());
            String size = list.out().substring(list.out().lastIndexOf(", ") + 2).strip();
            assertTrue(first.out().contains(size), "the install and the list write the size the same way (" + size + "): " + first.out());

            // A URL without its checksum is refused when the file is read: file, line, key; nothing installed.
            Files.writeString(dir.resolve("cluster.yaml"), """
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: local}
                    spec:
                      url: http://127.0.0.1:8083
                      plugins:
                        - name: other
                          url: %s
                    """.formatted(url));
            CliTest.Run refused = CliTest.run("plugins", "install", "-f", dir.toString(), "--dir", plugins.toString());
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("cluster.yaml:8") && refused.err().contains("sha512"), refused.err());
            assertFalse(Files.exists(plugins.resolve("other")));
            assertTrue(Files.exists(plugins.resolve("file-sink")), "a refused file changes nothing");
        } finally {
            server.stop(0);
        }
    }

    static String sha512(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }
}
