package io.connectops.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A committed file is untrusted: what it can slip past the loader and the validator, refused with file:line. */
class HostileInputTest {
    static InvalidInputException refused(String yaml) {
        return assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(DeclarationLoader.load(
                List.of(new InputFiles.Input("in.yaml", yaml))).declarations(), "http://localhost:8083"));
    }

    @Test
    void aYamlAliasIsRefusedInsteadOfSilentlyBecomingItsName() {
        InvalidInputException e = refused("""
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  class: X
                  config:
                    topic: &t orders
                    file: *t
                """);
        assertEquals(1, e.diagnostics().size(), e.getMessage());
        assertTrue(e.getMessage().contains("in.yaml:8:11: YAML aliases (*t) are not supported"), e.getMessage());
    }

    @Test
    void namesThatCannotBeAPathSegmentAreRefusedInEveryFormat() {
        for (String name : List.of(".", "..", "a/b")) {
            InvalidInputException nativeKind = refused("""
                    apiVersion: connectops.io/v1alpha1
                    kind: Connector
                    metadata: {name: "%s"}
                    spec: {class: X}
                    """.formatted(name));
            assertTrue(nativeKind.getMessage().contains("cannot be used in Connect's REST paths"), nativeKind.getMessage());
            InvalidInputException strimzi = refused("""
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaConnector
                    metadata: {name: "%s", labels: {strimzi.io/cluster: c}}
                    spec: {class: X, tasksMax: 1}
                    """.formatted(name));
            assertTrue(strimzi.getMessage().contains("in.yaml:3:") && strimzi.getMessage().contains("cannot be used in Connect's REST paths"),
                    strimzi.getMessage());
        }
    }

    @Test
    void aDotSegmentIsEncodedSoItCannotWalkThePath() {
        assertEquals("%2E%2E", io.connectops.connect.ConnectClientAccess.encode(".."));
        assertEquals("orders.sink", io.connectops.connect.ConnectClientAccess.encode("orders.sink"));
        assertEquals("a%2Fb", io.connectops.connect.ConnectClientAccess.encode("a/b"));
    }

    @Test
    void aLinkOutOfTheInputTreeIsRefusedAndNotRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path outside = java.nio.file.Files.writeString(tmp.resolve("outside.yaml"),
                "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: leaked}\nspec: {class: X}\n");
        java.nio.file.Path tree = java.nio.file.Files.createDirectories(tmp.resolve("tree"));
        java.nio.file.Files.createSymbolicLink(tree.resolve("evil.yaml"), outside);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputFiles.read(List.of(tree.toString()), System.in));
        assertTrue(e.getMessage().contains("evil.yaml: is a link to " + outside.toRealPath() + ", outside " + tree), e.getMessage());

        java.nio.file.Path vars = java.nio.file.Files.createDirectories(tmp.resolve("vars"));
        java.nio.file.Files.writeString(tmp.resolve("environ.properties"), "TOKEN=s3cret-from-elsewhere\n");
        java.nio.file.Files.createSymbolicLink(vars.resolve("env.properties"), tmp.resolve("environ.properties"));
        InvalidInputException v = assertThrows(InvalidInputException.class, () -> io.connectops.render.VariableFiles.load(
                new io.connectops.render.VariableFiles.Sources(List.of(), List.of(vars), List.of(), null, java.util.Map.of())));
        assertTrue(v.getMessage().contains("env.properties: is a link to") && !v.getMessage().contains("s3cret"), v.getMessage());
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsParsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path big = tmp.resolve("big.yaml");
        try (var out = java.nio.file.Files.newBufferedWriter(big)) {
            String line = "# " + "x".repeat(1000) + "\n";
            for (int i = 0; i < 9 * 1024; i++) {
                out.write(line);
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputFiles.read(List.of(big.toString()), System.in));
        assertTrue(e.getMessage().contains("is larger than 8 MiB: refused"), e.getMessage());
    }

    @Test
    void credentialsInAClusterUrlOrInClearOverTheNetworkAreRefused() {
        String cluster = """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: c}
                spec: {url: "%s"%s}
                """;
        InvalidInputException userInfo = assertThrows(InvalidInputException.class, () -> DeclarationLoader.load(List.of(
                new InputFiles.Input("in.yaml", cluster.formatted("http://admin:LIVEPASS123@connect:8083", "")))));
        assertTrue(userInfo.getMessage().contains("may not carry a user or password") && !userInfo.getMessage().contains("LIVEPASS123"),
                userInfo.getMessage());
        String basic = ", auth: {basic: {username: u, password: p}}";
        InvalidInputException clear = assertThrows(InvalidInputException.class, () -> DeclarationLoader.load(List.of(
                new InputFiles.Input("in.yaml", cluster.formatted("http://connect:8083", basic)))));
        assertTrue(clear.getMessage().contains("would send credentials in clear text"), clear.getMessage());
        DeclarationLoader.load(List.of(new InputFiles.Input("in.yaml", cluster.formatted("http://127.0.0.1:8083", basic))));
        DeclarationLoader.load(List.of(new InputFiles.Input("in.yaml", cluster.formatted("https://connect:8443", basic))));
        DeclarationLoader.load(List.of(new InputFiles.Input("in.yaml", cluster.formatted("http://connect:8083", basic + ", insecureHttpAuth: true"))));
    }

    /** A repository password over plain http is sent in the clear, and an http repository can serve any jar. */
    @Test
    void pluginRepositoriesOverPlainHttpTakeNoCredentialsAndTheirArtifactsNeedASha512() {
        String cluster = """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: c}
                spec:
                  url: http://localhost:8083
                  pluginRepositories:
                    - {name: corp, url: %s, username: ci}
                  plugins:
                    - {name: jdbc, maven: "io.confluent:kafka-connect-jdbc:10.8.0"%s}
                """;
        InvalidInputException credentials = refused(cluster.formatted("http://nexus.example.com/maven", ""));
        assertTrue(credentials.getMessage().contains("in.yaml:7:") && credentials.getMessage().contains("plain http")
                && credentials.getMessage().contains("https"), credentials.getMessage());
        InvalidInputException unpinned = refused(cluster.formatted("http://nexus.example.com/maven", "").replace(", username: ci", ""));
        assertTrue(unpinned.getMessage().contains("in.yaml:9:") && unpinned.getMessage().contains("sha512"), unpinned.getMessage());
        // https, or http on this machine (a local mirror), are fine; so is an http repository with every artifact pinned.
        for (String ok : List.of(cluster.formatted("https://nexus.example.com/maven", ""), cluster.formatted("http://127.0.0.1:8081/maven", ""),
                cluster.formatted("http://nexus.example.com/maven", ", sha512: " + "ab".repeat(64)).replace(", username: ci", ""))) {
            OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("in.yaml", ok))).declarations(), null);
        }
    }

    @Test
    void aStorageLimitTooLargeForAnyNumberIsAFileLineErrorAtItsKey() {
        for (String size : List.of("99999999999Ti", "99999999999999999999999")) {
            InvalidInputException e = refused("""
                    apiVersion: connectops.io/v1alpha1
                    kind: ConnectCluster
                    metadata: {name: c}
                    spec:
                      url: http://localhost:8083
                      pluginStorageLimit: %s
                    """.formatted(size));
            assertTrue(e.getMessage().contains("in.yaml:6:") && e.getMessage().contains("more bytes than anything can hold"), e.getMessage());
        }
    }
}
