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
}
