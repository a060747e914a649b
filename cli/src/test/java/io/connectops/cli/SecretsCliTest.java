package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.FaultProxy;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets from every source (sealed values, a secrets directory, the environment, a secret-named key)
 * reach Connect and never any output: plan in every format, apply (also when Connect quotes a value in
 * an error), status, export and, in a child JVM with -v, the logs.
 */
@ExtendWith(DevStackExtension.class)
class SecretsCliTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";
    static final String SEALED_SECRET = "Sealed-Db-Pa55word";
    static final String DIR_SECRET = "Dir-Api-Key-77";
    static final String ENV_SECRET = "Env-Token-31337";
    static final String LITERAL_SECRET = "Literal-Jaas-Secret";
    static final List<String> SECRETS = List.of(SEALED_SECRET, DIR_SECRET, ENV_SECRET, LITERAL_SECRET);

    DevStack stack;
    ConnectClient admin;
    Path dir;
    Path manifests;
    String name;
    List<String> sources;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path dir) throws Exception {
        this.stack = stack;
        this.dir = dir;
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.name = "s" + UUID.randomUUID().toString().substring(0, 6) + "-db";
        this.manifests = Files.createDirectories(dir.resolve("manifests"));

        CliTest.Run keygen = CliTest.run("keygen", "--out", dir.resolve("keys").toString());
        assertEquals(0, keygen.code(), keygen.err());
        Path plain = dir.resolve("db.properties");
        Files.writeString(plain, "# the database\ndb.password=" + SEALED_SECRET + "\n");
        CliTest.Run seal = CliTest.run("seal", "--public-key", dir.resolve("keys/connectops-seal.pub").toString(), "--file", plain.toString());
        assertEquals(0, seal.code(), seal.err());
        assertFalse(seal.out().contains(SEALED_SECRET));
        Path vars = Files.createDirectories(dir.resolve("vars"));
        Files.writeString(vars.resolve("db.properties"), seal.out());
        Files.delete(plain);
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("api.properties"), "api.key=" + DIR_SECRET + "\n");
        Files.writeString(dir.resolve("values.yaml"), "db:\n  host: db.internal\n");
        sources = List.of("--vars-dir", vars.toString(), "--secrets-dir", secrets.toString(), "--values", dir.resolve("values.yaml").toString(),
                "--private-key", dir.resolve("keys/connectops-seal.key").toString());
        writeCluster(stack.connectUrl().toString());
        writeConnector("{{ db.password }}");
    }

    void writeCluster(String url) throws Exception {
        CliTest.writeCluster(manifests, url, dir.resolve("owned.json"));
    }

    void writeConnector(String password) throws Exception {
        Files.writeString(manifests.resolve("db.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s}
                spec:
                  class: %s
                  config:
                    noop.label: "jdbc:postgresql://{{ db.host }}/app?password=%s"
                    api.header: "Bearer {{ api.key }}"
                    callback.url: "https://hooks.example/?t={{ env.HOOK_TOKEN }}"
                    sasl.jaas.config: "org.apache.kafka.common.security.plain.PlainLoginModule required password=%s;"
                    ssl.truststore.password: "${file:/etc/kafka/secrets.properties:truststore.password}"
                """.formatted(name, NOOP, password, LITERAL_SECRET));
    }

    CliTest.Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", manifests.toString()));
        all.addAll(sources);
        return CliTest.runWith(Map.of("HOOK_TOKEN", ENV_SECRET, "CONNECTOPS_ALLOW_ENV", "HOOK_TOKEN"), all.toArray(String[]::new));
    }

    /** Connect answers a create before every read sees it: wait until it does. */
    void applyAndAwait() throws InterruptedException {
        CliTest.Run apply = cli("apply");
        assertEquals(0, apply.code(), apply.err() + apply.out());
        assertNoSecret(apply);
        for (int i = 0; i < 300 && admin.config(name).isEmpty(); i++) {
            Thread.sleep(100);
        }
    }

    static void assertNoSecret(CliTest.Run run) {
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret), "secret in stdout:\n" + run.out());
            assertFalse(run.err().contains(secret), "secret in stderr:\n" + run.err());
        }
    }

    @Test
    void secretsReachConnectAndNoOutputShowsThem() throws Exception {
        for (String format : List.of("text", "json", "yaml", "markdown")) {
            CliTest.Run plan = cli("plan", "-o", format);
            assertEquals(2, plan.code(), plan.err());
            assertNoSecret(plan);
        }
        CliTest.Run plan = cli("plan");
        assertTrue(plan.out().contains("+ noop.label: \"(sensitive)\""), plan.out());
        assertTrue(plan.out().contains("${file:/etc/kafka/secrets.properties:truststore.password}"), "placeholders stay visible");

        applyAndAwait();
        Map<String, String> live = admin.config(name).orElseThrow();
        assertEquals("jdbc:postgresql://db.internal/app?password=" + SEALED_SECRET, live.get("noop.label"));
        assertEquals("Bearer " + DIR_SECRET, live.get("api.header"));
        assertEquals("https://hooks.example/?t=" + ENV_SECRET, live.get("callback.url"));

        for (String format : List.of("text", "json", "yaml")) {
            CliTest.Run status = cli("status", "-o", format);
            assertEquals(0, status.code(), status.err());
            assertNoSecret(status);
        }
        CliTest.Run export = CliTest.runWith(Map.of(), "export", "--connect-url", stack.connectUrl().toString());
        assertEquals(0, export.code(), export.err());
        assertFalse(export.out().contains(LITERAL_SECRET), "export leaves out secret-named keys");

        CliTest.Run clean = cli("plan");
        assertEquals(0, clean.code(), "unchanged secrets are no change: " + clean.out());
    }

    @Test
    void oneValueSealedFromStandardInputOpensUnderItsNameOnly() throws Exception {
        InputStream original = System.in;
        CliTest.Run seal;
        try {
            System.setIn(stdin("piped-" + SEALED_SECRET + "\n"));
            seal = CliTest.run("seal", "--public-key", dir.resolve("keys/connectops-seal.pub").toString(), "--name", "db.password");
        } finally {
            System.setIn(original);
        }
        assertEquals(0, seal.code(), seal.err());
        Files.writeString(dir.resolve("vars/db.properties"), "db.password=" + seal.out().strip() + "\n");
        applyAndAwait();
        assertEquals("jdbc:postgresql://db.internal/app?password=piped-" + SEALED_SECRET, admin.config(name).orElseThrow().get("noop.label"),
                "the newline echo adds is not part of the value");

        Files.writeString(dir.resolve("vars/db.properties"), "other.name=" + seal.out().strip() + "\n");
        CliTest.Run moved = cli("plan");
        assertEquals(1, moved.code());
        assertTrue(moved.err().contains("db.properties:1:1: sealed value of 'other.name': sealed value does not authenticate"), moved.err());
        assertNoSecret(moved);
    }

    @Test
    void aSecretThatChangedIsReportedWithoutItsValue() throws Exception {
        applyAndAwait();
        writeConnector("{{ db.password }}-rotated");
        CliTest.Run plan = cli("plan");
        assertEquals(2, plan.code(), plan.err());
        assertTrue(plan.out().contains("~ noop.label: (sensitive value changed)"), plan.out());
        assertNoSecret(plan);
    }

    @Test
    void connectQuotingASecretInAnErrorIsMasked() throws Exception {
        try (FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            writeCluster(proxy.url().toString());
            proxy.fail(request -> request.startsWith("PUT /connectors/" + name + "/config") || request.startsWith("POST /connectors"),
                    10, 400, "Invalid value jdbc:postgresql://db.internal/app?password=" + SEALED_SECRET + " for configuration noop.label");
            CliTest.Run apply = cli("apply", "--skip-online-validation");
            assertEquals(1, apply.code(), apply.out() + apply.err());
            assertTrue((apply.out() + apply.err()).contains("Invalid value (sensitive) for configuration noop.label"),
                    apply.out() + apply.err());
            assertNoSecret(apply);
        }
    }

    @Test
    void aMissingVariableFailsNamingFileLineAndVariableWithZeroCalls() throws Exception {
        try (FaultProxy proxy = new FaultProxy(stack.connectUrl())) {
            writeCluster(proxy.url().toString());
            writeConnector("{{ db.pasword }}");
            CliTest.Run apply = cli("apply");
            assertEquals(1, apply.code());
            assertTrue(apply.err().contains("db.yaml:7:5: in 'spec.config.noop.label': variable 'db.pasword' is not defined"), apply.err());
            assertEquals(List.of(), proxy.requests(), "nothing was read or written");
        }
        assertTrue(admin.config(name).isEmpty());
    }

    @Test
    void aChildProcessWithVerboseLogsPrintsNoSecret() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.connectops.cli.Main", "-v", "apply", "-f", manifests.toString()));
        command.addAll(sources);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOOK_TOKEN", ENV_SECRET);
        builder.environment().put("CONNECTOPS_ALLOW_ENV", "HOOK_TOKEN");
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("created"), output);
        for (String secret : SECRETS) {
            assertFalse(output.contains(secret), "secret in the output or logs:\n" + output);
        }
        for (int i = 0; i < 300 && admin.config(name).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals("https://hooks.example/?t=" + ENV_SECRET, admin.config(name).orElseThrow().get("callback.url"));
    }

    static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
