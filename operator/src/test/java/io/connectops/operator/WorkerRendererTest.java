package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the renderer names: Kubernetes' rules for volume names, whatever a Secret is called. */
class WorkerRendererTest {
    @Test
    void aSecretOfAnyNameGetsAValidDistinctVolumeName() {
        assertEquals("secret-orders-db", WorkerRenderer.volumeName("secret-", "orders-db"));
        String dotted = WorkerRenderer.volumeName("secret-", "orders.db.credentials");
        String other = WorkerRenderer.volumeName("secret-", "orders-db-credentials");
        String longName = WorkerRenderer.volumeName("tls-", "a".repeat(200) + ".example.com");
        for (String name : new String[] {dotted, longName}) {
            assertTrue(name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"), name);
        }
        assertNotEquals(dotted, other, "a dotted name and its dashed look-alike stay apart");
    }

    @Test
    void aLongOrDottedClusterNameStillMakesValidServiceNamesAndLabels() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String clusterName : java.util.List.of("orders", "orders.eu-west.prod", "9lives", "a".repeat(60) + ".example.com",
                "a".repeat(60) + ".example.org")) {
            io.connectops.operator.crd.ConnectClusterResource cluster = new io.connectops.operator.crd.ConnectClusterResource();
            cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(clusterName).build());
            String name = WorkerRenderer.name(cluster);
            org.junit.jupiter.api.Assertions.assertTrue(name.matches("[a-z]([-a-z0-9]*[a-z0-9])?") && (name + "-plugins").length() <= 63,
                    clusterName + " -> " + name);
            String label = WorkerRenderer.labelValue(clusterName);
            org.junit.jupiter.api.Assertions.assertTrue(label.length() <= 63 && label.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?"),
                    clusterName + " -> " + label);
            org.junit.jupiter.api.Assertions.assertTrue(names.add(name), "distinct: " + name);
        }
        io.connectops.operator.crd.ConnectClusterResource plain = new io.connectops.operator.crd.ConnectClusterResource();
        plain.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("orders").build());
        org.junit.jupiter.api.Assertions.assertEquals("orders-connect", WorkerRenderer.name(plain), "a short name is kept as it was");
    }

    @Test
    void workerPropertiesReadBackAsDeclaredWhateverTheyHold() throws java.io.IOException {
        java.util.Map<String, String> hostile = new java.util.LinkedHashMap<>();
        hostile.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"a!b#c:d=e\\f\";");
        hostile.put("a key with blanks", "  leading blanks kept");
        hostile.put("line.breaks", "one\rtwo\nthree\r\nfour\tfive\fsix");
        hostile.put("trailing", "kept  ");
        StringBuilder text = new StringBuilder();
        hostile.forEach((k, v) -> text.append(WorkerConfig.propertiesLine(k, v)));
        java.util.Properties read = new java.util.Properties();
        read.load(new java.io.StringReader(text.toString()));
        java.util.Map<String, String> back = new java.util.HashMap<>();
        read.stringPropertyNames().forEach(k -> back.put(k, read.getProperty(k)));
        assertEquals(hostile, back, "Connect reads back exactly what was declared");
        assertEquals(1, text.toString().lines().filter(l -> l.startsWith("line.breaks")).count(), "a line break never starts a new key");
    }

    @Test
    void aRepositoryPasswordReachesTheInstallerUnchangedOrIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        String password = "p!a=s:s#w\\o\\rd \"quoted\" {{x}}";
        java.nio.file.Files.writeString(dir.resolve("repositories.properties"),
                WorkerConfig.secretsLine("plugins.repository.corp.password", password, "the password"));
        io.connectops.render.Variables read = io.connectops.render.VariableFiles.load(
                new io.connectops.render.VariableFiles.Sources(java.util.List.of(), java.util.List.of(), java.util.List.of(dir), null,
                        java.util.Map.of()));
        assertEquals(password, read.lookup("plugins.repository.corp.password").orElseThrow().value(),
                "the installer's secrets reader gets the very password (it was sent as \\! and the workers never started)");
        for (String unwritable : new String[] {"two\nlines", "carriage\rreturn", " leading", "trailing ", ""}) {
            WorkerConfig.Unrenderable refused = org.junit.jupiter.api.Assertions.assertThrows(WorkerConfig.Unrenderable.class,
                    () -> WorkerConfig.secretsLine("plugins.repository.corp.password", unwritable, "the password of plugin repository 'corp'"));
            assertTrue(refused.getMessage().startsWith("the password of plugin repository 'corp'") && !refused.getMessage().contains(unwritable.strip().isEmpty() ? "\u0000" : unwritable.strip()),
                    "named, and the password is not printed: " + refused.getMessage());
        }
    }
}
