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
}
