package io.connectops.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The comparison's rules, on sides made by hand. */
class ComparerTest {
    static Side side(String label, Side.Resource... resources) {
        Map<String, Side.Resource> byId = new java.util.HashMap<>();
        for (Side.Resource r : resources) {
            byId.put(r.id(), r);
        }
        return new Side(label, byId);
    }

    static Side.Resource connector(String name, Map<String, String> settings, Set<String> secret) {
        return new Side.Resource("Connector", name, settings, secret, null);
    }

    @Test
    void expectedPatternsMatchKeysOrResourceAndKeyAndOnlyThoseAreLeftOut() {
        Side a = side("a", connector("orders-sink", Map.of("topic.prefix", "dev", "connection.url", "jdbc:dev", "tasks.max", "1"), Set.of()),
                connector("audit", Map.of("topic.prefix", "dev"), Set.of()));
        Side b = side("b", connector("orders-sink", Map.of("topic.prefix", "prod", "connection.url", "jdbc:prod", "tasks.max", "1"), Set.of()),
                connector("audit", Map.of("topic.prefix", "prod"), Set.of()));
        Comparison c = new Comparer(List.of("*.url", "Connector/orders-*:topic.prefix")).compare(a, b);
        Comparison.Entry orders = c.entries().stream().filter(e -> e.name().equals("orders-sink")).findFirst().orElseThrow();
        Comparison.Entry audit = c.entries().stream().filter(e -> e.name().equals("audit")).findFirst().orElseThrow();
        assertEquals(Comparison.State.EXPECTED_ONLY, orders.state(), orders.toString());
        assertEquals(Comparison.State.DIFFERS, audit.state(), "the resource pattern does not cover audit");
        assertFalse(c.equal());
    }

    @Test
    void aSecretOnEitherSideIsComparedButNeverCarried() {
        Side a = side("a", connector("c", Map.of("db.pass", "one"), Set.of("db.pass")));
        Side b = side("b", connector("c", Map.of("db.pass", "two"), Set.of()));
        Comparison.KeyDifference k = new Comparer(List.of()).compare(a, b).entries().get(0).differences().get(0);
        assertTrue(k.sensitive());
        assertNull(k.a());
        assertNull(k.b());
        Side same = side("b", connector("c", Map.of("db.pass", "one"), Set.of()));
        assertTrue(new Comparer(List.of()).compare(a, same).equal(), "the same secret: equal");
        // A password-like name is secret too, but a ConfigProvider placeholder is not (it holds no secret).
        Side p1 = side("a", connector("c", Map.of("database.password", "${file:/a:pw}"), Set.of()));
        Side p2 = side("b", connector("c", Map.of("database.password", "${file:/b:pw}"), Set.of()));
        Comparison.KeyDifference placeholder = new Comparer(List.of()).compare(p1, p2).entries().get(0).differences().get(0);
        assertFalse(placeholder.sensitive());
        assertEquals("${file:/a:pw}", placeholder.a());
    }

    @Test
    void aResourceOnOneSideOnlyIsNamedWithItsSide() {
        Comparison c = new Comparer(List.of()).compare(side("a", connector("x", Map.of(), Set.of())), side("b"));
        assertEquals(Comparison.State.ONLY_IN_A, c.entries().get(0).state());
        assertFalse(c.equal());
    }
}
