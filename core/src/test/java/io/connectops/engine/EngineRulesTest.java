package io.connectops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.Targets;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.ownership.Owner;
import io.connectops.ownership.OwnershipStore;
import io.connectops.ownership.RecordedOwnership;
import io.connectops.plan.Plan;
import io.connectops.testing.InMemoryConnect;
import io.connectops.validate.OfflineValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's rules in milliseconds, on Connect in memory (the same cases run against real workers elsewhere). */
class EngineRulesTest {
    static String connector(String name, String state, String label) {
        return "---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + name
                + "}\nspec: {class: X, tasksMax: 1, state: " + state + ", config: {label: " + label + "}}\n";
    }

    static Engine engine(InMemoryConnect connect, OwnershipStore ownership, String... documents) {
        Targets targets = OfflineValidator.resolve(DeclarationLoader.load(List.of(new InputFiles.Input("t.yaml", String.join("", documents))))
                .declarations(), "http://memory:8083");
        return new Engine(targets, t -> connect, t -> ownership);
    }

    static ApplyReport apply(Engine engine, boolean prune) {
        Plan plan = engine.plan(prune, false, 4);
        return engine.apply(plan, 4, Progress.NONE);
    }

    @Test
    void aConnectorsConfigIsWrittenBeforeItsStateChanges() {
        InMemoryConnect connect = new InMemoryConnect();
        MarkerOwnership ownership = new MarkerOwnership(null);
        assertTrue(apply(engine(connect, ownership, connector("a", "running", "one")), false).ok());
        assertTrue(apply(engine(connect, ownership, connector("a", "paused", "two")), false).ok());
        List<String> writes = connect.log().stream().filter(c -> c.startsWith("PUT config a") || c.startsWith("PUT pause a")).toList();
        assertEquals(List.of("PUT config a", "PUT pause a"), writes);
    }

    @Test
    void oneConnectorThatFailsStopsNoOtherAndLeavesNoClaim(@TempDir Path dir) {
        InMemoryConnect connect = new InMemoryConnect();
        RecordedOwnership ownership = RecordedOwnership.file(dir.resolve("owned.json"), "default");
        connect.fail(call -> call.equals("POST b"));
        ApplyReport report = apply(engine(connect, ownership, connector("a", "running", "x"), connector("b", "running", "x"),
                connector("c", "running", "x")), false);
        assertEquals(List.of("b"), report.failures().stream().map(o -> o.connector()).toList());
        assertEquals(Owner.CONNECTOPS, ownership.check("a", connect));
        assertEquals(Owner.CONNECTOPS, ownership.check("c", connect));
        assertEquals(Owner.NONE, ownership.check("b", connect), "a failed create leaves no claim");
    }

    @Test
    void aPruneDeletesOnlyWhatCarriesThisOwnersMarker() {
        InMemoryConnect connect = new InMemoryConnect();
        connect.add("by-hand", Map.of("connector.class", "X"));
        connect.add("other-team", Map.of("connector.class", "X", MarkerOwnership.KEY, "team-b"));
        MarkerOwnership ownership = new MarkerOwnership("team-a");
        assertTrue(apply(engine(connect, ownership, connector("mine", "running", "x"), connector("gone", "running", "x")), false).ok());
        assertTrue(apply(engine(connect, ownership, connector("mine", "running", "x")), true).ok());
        List<String> deletes = connect.log().stream().filter(c -> c.startsWith("DELETE")).toList();
        assertEquals(List.of("DELETE gone"), deletes);
        assertFalse(connect.config("by-hand").isEmpty());
        assertFalse(connect.config("other-team").isEmpty());
    }
}
