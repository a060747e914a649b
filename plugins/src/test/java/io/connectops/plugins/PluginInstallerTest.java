package io.connectops.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import io.connectops.connect.ConfigValidation;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.model.PluginsSpec;
import io.connectops.model.SourceLocation;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer against a real HTTP server on loopback (a Maven repository layout and plain files), with a real
 * plugin from Maven Central (Debezium's PostgreSQL connector archive, resolved by the build as a test artifact):
 * installed by URL with its sha512 and by Maven coordinates with the repository's checksum, then loaded and
 * validated by a real Connect worker; tampered, zip-slip, symlink and oversized archives refused with nothing
 * installed; a second run downloads nothing; a plugin no longer declared is removed, a foreign directory kept.
 */
class PluginInstallerTest {
    static final Path DEBEZIUM = Path.of(System.getProperty("debezium.plugin.archive"));
    static final String VERSION = System.getProperty("debezium.version");
    static final String DEBEZIUM_PATH = "/maven2/io/debezium/debezium-connector-postgres/" + VERSION + "/debezium-connector-postgres-"
            + VERSION + "-plugin.tar.gz";

    @TempDir
    Path tmp;
    HttpServer server;
    /** Served path -> file; requests counted per path. */
    final Map<String, Path> served = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    Path pluginPath;
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if ((path.startsWith("/slow/") || path.startsWith("/stall/")) && exchange.getRequestMethod().equals("GET")) {
                trickle(exchange, path.startsWith("/stall/"));
                return;
            }
            Path file = served.get(path);
            if (file == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("HEAD") && file != null ? 200 : 404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, path.startsWith("/chunked/") ? 0 : Files.size(file)); // 0: no Content-Length
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> { // a trickling answer blocks no other
            Thread thread = new Thread(r, "test-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        served.put(DEBEZIUM_PATH, DEBEZIUM);
        served.put(DEBEZIUM_PATH + ".sha1", sha1File(DEBEZIUM));
        served.put("/files/debezium-postgres.tar.gz", DEBEZIUM);
        pluginPath = tmp.resolve("plugins");
        cache = tmp.resolve("maven-cache");
    }

    /** Ends the slow answers of {@link #trickle} when the test is over. */
    final java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);

    /**
     * A server that does not finish while the test runs: a byte every 50 ms, or (stalling) three bytes and then nothing;
     * either ends when the test is over.
     */
    void trickle(com.sun.net.httpserver.HttpExchange exchange, boolean stall) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; !testOver.await(stall && i >= 3 ? Long.MAX_VALUE : 50, TimeUnit.MILLISECONDS); i++) {
                out.write('x');
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up: what the test waits for
        }
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Path sha1File(Path file) throws IOException {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            return Files.writeString(tmp.resolve(file.getFileName() + ".sha1"), java.util.HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PluginsSpec.Plugin byUrl(String name, String url, String sha512) {
        return new PluginsSpec.Plugin(name, null, url, sha512, new SourceLocation("cluster.yaml", 1, 1));
    }

    PluginsSpec spec(long limit, PluginsSpec.Plugin... plugins) {
        return new PluginsSpec(List.of(plugins), List.of(new PluginsSpec.Repository("local", url("/maven2/"), null, null)), limit);
    }

    List<PluginInstaller.Result> install(PluginsSpec spec) throws IOException {
        return new PluginInstaller(pluginPath, cache, PluginInstaller.Progress.NONE).install(spec);
    }

    static PluginInstaller.Result result(List<PluginInstaller.Result> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** Everything under the plugin path and its parent, but the Maven cache: what an install left. */
    List<String> leftovers() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !p.startsWith(cache) && Files.isRegularFile(p) && !p.getParent().equals(tmp))
                    .map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aRealPluginFromAUrlAndFromMavenIsInstalledOnceAndUsedByConnect() throws Exception {
        String sha512 = Downloads.sha512(DEBEZIUM);
        PluginsSpec.Plugin fromUrl = byUrl("debezium-postgres", url("/files/debezium-postgres.tar.gz"), sha512);
        PluginsSpec.Plugin fromMaven = new PluginsSpec.Plugin("debezium-maven", new PluginsSpec.Maven("io.debezium",
                "debezium-connector-postgres", VERSION, "plugin", "tar.gz"), null, null, new SourceLocation("cluster.yaml", 5, 1));

        List<PluginInstaller.Result> first = install(spec(0, fromUrl, fromMaven));
        assertEquals(PluginInstaller.Action.INSTALLED, result(first, "debezium-postgres").action(), first.toString());
        assertEquals(PluginInstaller.Action.INSTALLED, result(first, "debezium-maven").action(), first.toString());
        assertEquals(sha512, result(first, "debezium-maven").installed().sha512(), "the archive the repository's checksum vouched for");
        assertTrue(Files.isRegularFile(pluginPath.resolve("debezium-postgres/debezium-connector-postgres/debezium-connector-postgres-"
                + VERSION + ".jar")));
        assertEquals(1, requests.get("/files/debezium-postgres.tar.gz").get());
        assertEquals(1, requests.get(DEBEZIUM_PATH).get());

        // A second run downloads nothing.
        List<PluginInstaller.Result> second = install(spec(0, fromUrl, fromMaven));
        assertTrue(second.stream().allMatch(r -> r.action() == PluginInstaller.Action.UNCHANGED), second.toString());
        assertEquals(1, requests.get("/files/debezium-postgres.tar.gz").get());
        assertEquals(1, requests.get(DEBEZIUM_PATH).get());

        // The list shows both with their checksums.
        List<PluginInstaller.Result> listed = PluginInstaller.list(pluginPath);
        assertEquals(List.of("debezium-maven", "debezium-postgres"), listed.stream().map(PluginInstaller.Result::name).toList());

        // Dropping one removes it (connectops installed it); one is enough for Connect.
        install(spec(0, fromUrl));
        assertFalse(Files.exists(pluginPath.resolve("debezium-maven")));

        try (DevStack stack = DevStack.start(DevStack.Options.ephemeral(1).withPluginPath(pluginPath))) {
            ConnectClient connect = new ConnectClient(ConnectEndpoint.of("plugins", stack.connectUrl()));
            assertTrue(connect.connectorPlugins().stream().anyMatch(p -> p.className().equals("io.debezium.connector.postgresql.PostgresConnector")
                    && p.version().equals(VERSION)), "listed by GET /connector-plugins");
            ConfigValidation validation = connect.validate("io.debezium.connector.postgresql.PostgresConnector", Map.of(
                    "name", "orders-cdc", "connector.class", "io.debezium.connector.postgresql.PostgresConnector",
                    "topic.prefix", "orders", "database.hostname", "127.0.0.1", "database.port", "1", "database.user", "x",
                    "database.password", "y", "database.dbname", "orders"));
            assertTrue(validation.passwordKeys().contains("database.password"), "the plugin's own config definitions came back: "
                    + validation);
        }
    }

    @Test
    void aTamperedArchiveIsRefusedWithNothingInstalledAndThePreviousOneKept() throws Exception {
        Path tampered = tmp.resolve("tampered.zip");
        zip(tampered, Map.of("lib/connector.jar", "not what was declared"));
        served.put("/files/plugin.zip", tampered);
        String declared = "0".repeat(128);
        List<PluginInstaller.Result> results = install(spec(0, byUrl("p", url("/files/plugin.zip"), declared)));
        assertEquals(PluginInstaller.Action.FAILED, result(results, "p").action());
        assertTrue(result(results, "p").detail().contains("checksum mismatch"), result(results, "p").detail());
        assertEquals(List.of(), leftovers(), "nothing installed, no staging left");

        // Installed properly, then a tampered update is refused and the installed one stays.
        Path good = tmp.resolve("good.zip");
        zip(good, Map.of("lib/connector.jar", "version 1"));
        served.put("/files/good.zip", good);
        install(spec(0, byUrl("p", url("/files/good.zip"), Downloads.sha512(good))));
        served.put("/files/good.zip", tampered);
        PluginInstaller.Result update = result(install(spec(0, byUrl("p", url("/files/good.zip?v=2"), Downloads.sha512(good)))), "p");
        assertEquals(PluginInstaller.Action.FAILED, update.action());
        assertEquals("version 1", Files.readString(pluginPath.resolve("p/lib/connector.jar")));

        // A Maven artifact whose repository checksum does not match is refused too.
        String other = "/maven2/com/example/sink/1.0/sink-1.0-plugin.zip";
        served.put(other, tampered);
        served.put(other + ".sha1", sha1File(good));
        PluginsSpec.Plugin maven = new PluginsSpec.Plugin("sink", new PluginsSpec.Maven("com.example", "sink", "1.0", "plugin", "zip"),
                null, null, new SourceLocation("cluster.yaml", 9, 1));
        PluginInstaller.Result refused = result(install(spec(0, maven)), "sink");
        assertEquals(PluginInstaller.Action.FAILED, refused.action());
        assertTrue(refused.detail().toLowerCase().contains("checksum"), refused.detail());
        assertFalse(Files.exists(pluginPath.resolve("sink")));
    }

    /** Names the installer once used for its own staging files install and update like any other. */
    @Test
    void aPluginNamedPreviousOrLikeItsUrlsFileInstallsAndUpdates() throws Exception {
        for (String name : List.of("previous", "connector.zip", "download", "new")) {
            Path v1 = tmp.resolve(name + "-v1.zip");
            Path v2 = tmp.resolve(name + "-v2.zip");
            zip(v1, Map.of("lib/connector.jar", "version 1"));
            zip(v2, Map.of("lib/connector.jar", "version 2"));
            String file = name.endsWith(".zip") ? name : name + ".zip"; // the URL's file is the plugin's name for connector.zip
            served.put("/v1/" + file, v1);
            served.put("/v2/" + file, v2);
            PluginInstaller.Result first = result(install(spec(0, byUrl(name, url("/v1/" + file), Downloads.sha512(v1)))), name);
            assertEquals(PluginInstaller.Action.INSTALLED, first.action(), name + ": " + first.detail());
            PluginInstaller.Result second = result(install(spec(0, byUrl(name, url("/v2/" + file), Downloads.sha512(v2)))), name);
            assertEquals(PluginInstaller.Action.UPDATED, second.action(), name + ": " + second.detail());
            assertEquals("version 2", Files.readString(pluginPath.resolve(name).resolve("lib/connector.jar")), name);
        }
    }

    /** A download URL's query is often a token: it is never kept in the plugin's marker, listed or printed. */
    @Test
    void aUrlsSecretQueryIsNeitherKeptNorPrinted() throws Exception {
        Path plugin = tmp.resolve("tokened.zip");
        zip(plugin, Map.of("lib/connector.jar", "v1"));
        served.put("/files/tokened.zip", plugin);
        String token = "sig=s3cr3t-download-token-" + java.util.UUID.randomUUID();
        List<String> said = new java.util.ArrayList<>();
        PluginsSpec spec = spec(0, byUrl("tokened", url("/files/tokened.zip") + "?" + token, Downloads.sha512(plugin)));
        List<PluginInstaller.Result> results = new PluginInstaller(pluginPath, cache, (name, what) -> said.add(what)).install(spec);
        assertEquals(PluginInstaller.Action.INSTALLED, result(results, "tokened").action(), results.toString());
        StringBuilder everything = new StringBuilder(String.join("\n", said)).append(results).append(PluginInstaller.list(pluginPath));
        try (var files = Files.walk(pluginPath)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(".")).toList()) {
                everything.append(Files.readString(file));
            }
        }
        assertTrue(Files.isRegularFile(pluginPath.resolve("tokened").resolve(InstalledPlugin.MARKER)), "the marker was read above");
        assertFalse(everything.toString().contains("s3cr3t-download-token"), everything.toString());
        assertEquals(PluginInstaller.Action.UNCHANGED, result(install(spec), "tokened").action(), "the same URL again: unchanged");
    }

    @Test
    void zipSlipAndLinksAreRefusedWithNothingWritten() throws Exception {
        Path slip = tmp.resolve("slip.zip");
        zip(slip, Map.of("../../escaped.jar", "evil"));
        served.put("/files/slip.zip", slip);
        PluginInstaller.Result zipSlip = result(install(spec(0, byUrl("slip", url("/files/slip.zip"), Downloads.sha512(slip)))), "slip");
        assertEquals(PluginInstaller.Action.FAILED, zipSlip.action());
        assertTrue(zipSlip.detail().contains("zip-slip"), zipSlip.detail());

        Path link = tmp.resolve("link.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(link)))) {
            TarArchiveEntry entry = new TarArchiveEntry("lib/passwd", TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName("/etc/passwd");
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
        served.put("/files/link.tar.gz", link);
        PluginInstaller.Result symlink = result(install(spec(0, byUrl("link", url("/files/link.tar.gz"), Downloads.sha512(link)))), "link");
        assertEquals(PluginInstaller.Action.FAILED, symlink.action());
        assertTrue(symlink.detail().contains("link"), symlink.detail());
        assertEquals(List.of(), leftovers());
        assertFalse(Files.exists(tmp.resolve("escaped.jar")) || Files.exists(tmp.getParent().resolve("escaped.jar")));
    }

    @Test
    void theStorageLimitIsEnforcedBeforeAndWhileWriting() throws Exception {
        // Larger than the limit by its Content-Length: refused before a byte is written.
        PluginInstaller.Result big = result(install(spec(10L << 20, byUrl("debezium", url("/files/debezium-postgres.tar.gz"),
                Downloads.sha512(DEBEZIUM)))), "debezium");
        assertEquals(PluginInstaller.Action.FAILED, big.action());
        assertTrue(big.detail().contains("storage limit") && big.detail().contains("before writing"), big.detail());
        // Small compressed, large unpacked: stopped while unpacking.
        Path bomb = tmp.resolve("bomb.zip");
        zip(bomb, Map.of("lib/zeros.bin", "0".repeat(3 << 20)));
        served.put("/files/bomb.zip", bomb);
        PluginInstaller.Result inflated = result(install(spec(1L << 20, byUrl("bomb", url("/files/bomb.zip"), Downloads.sha512(bomb)))),
                "bomb");
        assertEquals(PluginInstaller.Action.FAILED, inflated.action());
        assertTrue(inflated.detail().contains("storage limit"), inflated.detail());
        assertEquals(List.of(), leftovers());
        // From Maven, by its size (before writing) and by the bytes counted (a server that gives no size): nothing
        // lands in the cache either (it did, and the budget was checked only after).
        PluginsSpec.Maven coordinates = new PluginsSpec.Maven("io.debezium", "debezium-connector-postgres", VERSION, "plugin", "tar.gz");
        PluginInstaller.Result sized = result(install(spec(10L << 20, new PluginsSpec.Plugin("debezium", coordinates, null, null,
                new SourceLocation("cluster.yaml", 1, 1)))), "debezium");
        assertEquals(PluginInstaller.Action.FAILED, sized.action());
        assertTrue(sized.detail().contains("storage limit") && sized.detail().contains("before writing"), sized.detail());
        served.put("/chunked" + DEBEZIUM_PATH, DEBEZIUM);
        served.put("/chunked" + DEBEZIUM_PATH + ".sha1", sha1File(DEBEZIUM));
        PluginsSpec unsized = new PluginsSpec(List.of(new PluginsSpec.Plugin("debezium", coordinates, null, null,
                new SourceLocation("cluster.yaml", 1, 1))), List.of(new PluginsSpec.Repository("local", url("/chunked/maven2/"), null, null)),
                10L << 20);
        PluginInstaller.Result counted = result(install(unsized), "debezium");
        assertEquals(PluginInstaller.Action.FAILED, counted.action());
        assertTrue(counted.detail().contains("passed") && counted.detail().contains("storage limit"), counted.detail());
        assertEquals(List.of(), leftovers());
        try (Stream<Path> cached = Files.exists(cache) ? Files.walk(cache) : Stream.empty()) {
            assertEquals(List.of(), cached.filter(p -> p.toString().endsWith(".tar.gz")).toList(), "nothing refused is cached");
        }
    }

    @Test
    void aMavenResolutionHasOneDeadlineForTheWhole() throws Exception {
        PluginsSpec.Maven slow = new PluginsSpec.Maven("com.example", "slow", "1.0", "plugin", "zip");
        // The abandoned resolution still writes into its cache until the server gives up: a cache of its own, outside the
        // test's temporary directory (which JUnit must be able to delete), removed as far as it can be.
        Path abandoned = Files.createTempDirectory("connectops-abandoned-maven-");
        try (MavenArtifacts maven = new MavenArtifacts(abandoned, List.of(new PluginsSpec.Repository("slow", url("/slow/maven2/"), null, null)))) {
            long started = System.nanoTime();
            Archives.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(Archives.Refused.class,
                    () -> maven.resolve(slow, Long.MAX_VALUE, java.time.Duration.ofSeconds(1)));
            assertTrue(refused.getMessage().contains("took more than"), refused.getMessage());
            assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(30).toNanos(),
                    "stopped by the deadline, not by the server's minute");
        } finally {
            try (Stream<Path> files = Files.walk(abandoned)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // still being written: the operating system's temporary files
            }
        }
    }

    @Test
    void aUrlDownloadThatStallsOrTricklesEndsAtItsDeadline() throws Exception {
        for (String path : List.of("/slow/plugin.zip", "/stall/plugin.zip")) {
            long started = System.nanoTime();
            IOException late = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> Downloads.fetch(url(path),
                    tmp.resolve("download.zip"), Long.MAX_VALUE, java.time.Duration.ofSeconds(1), (bytes, total) -> { }));
            assertTrue(late.getMessage().contains("took more than 1.0 s"), path + ": " + late.getMessage());
            assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(30).toNanos(), path + ": ended by the deadline");
        }
    }

    @Test
    void aDirectoryConnectopsDidNotMakeIsNeverReplacedOrRemoved() throws Exception {
        Path foreign = Files.createDirectories(pluginPath.resolve("hand-made"));
        Files.writeString(foreign.resolve("x.jar"), "mine");
        Path plugin = tmp.resolve("p.zip");
        zip(plugin, Map.of("lib/p.jar", "p"));
        served.put("/files/p.zip", plugin);
        List<PluginInstaller.Result> results = install(spec(0, byUrl("hand-made", url("/files/p.zip"), Downloads.sha512(plugin))));
        assertEquals(PluginInstaller.Action.FAILED, result(results, "hand-made").action());
        assertEquals("mine", Files.readString(foreign.resolve("x.jar")));
        results = install(spec(0));
        assertEquals(PluginInstaller.Action.FOREIGN, result(results, "hand-made").action());
        assertTrue(Files.exists(foreign.resolve("x.jar")));
    }

    static void zip(Path file, Map<String, String> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
