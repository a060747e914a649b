package io.connectops.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.ownership.Owner;
import io.connectops.ownership.Ownership;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.model.SourceLocation;
import io.connectops.output.PlanJson;
import io.connectops.output.PlanText;
import io.connectops.output.Style;
import io.connectops.model.Targets;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static ConnectorSpec spec(String name, DesiredState state, Map<String, String> config) {
        return new ConnectorSpec(name, Map.of(), null, "X", 1, state, config, RestartPolicy.DEFAULT, null, new SourceLocation("f.yaml", 3, 1));
    }

    static LiveConnector live(String name, String state, Map<String, String> config) {
        return new LiveConnector(name, config, "source", new LiveConnector.ConnectorStatus(state, "w1", null, List.of()));
    }

    static Targets.ClusterTarget target(ConnectorSpec... specs) {
        return new Targets.ClusterTarget(new ConnectClusterSpec("main", List.of(java.net.URI.create("http://c:8083")), null, null, null,
                null, null, SourceLocation.UNKNOWN), List.of(specs));
    }

    static LiveState state(LiveConnector... connectors) {
        Map<String, LiveConnector> map = new java.util.TreeMap<>();
        for (LiveConnector c : connectors) {
            map.put(c.name(), c);
        }
        return new LiveState(map, false, Map.of());
    }

    @Test
    void comparesAsStringsIgnoringNameAndReportsEachKey() {
        var desired = spec("a", DesiredState.RUNNING, Map.of("topic", "t2", "new", "1", "same", "${file:/s.properties:x}"));
        var actual = live("a", "RUNNING", Map.of("name", "a", "connector.class", "X", "tasks.max", "1", "topic", "t1", "old", "gone",
                "same", "${file:/s.properties:x}"));
        TargetPlan plan = Planner.plan(target(desired), state(actual), owning("a"), false, Sensitivity.byName());
        Change change = plan.changes().get(0);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(
                new KeyChange("new", KeyChange.Kind.ADDED, null, "1", false),
                new KeyChange("old", KeyChange.Kind.REMOVED, "gone", null, false),
                new KeyChange("topic", KeyChange.Kind.CHANGED, "t1", "t2", false)), change.keyChanges());
        assertEquals(null, change.state().to());
    }

    @Test
    void stateOnlyAndStateWithConfigAreBothKept() {
        var onlyState = Planner.plan(target(spec("a", DesiredState.PAUSED, Map.of())),
                state(live("a", "RUNNING", Map.of("connector.class", "X", "tasks.max", "1"))), owning(), false, Sensitivity.byName());
        Change c = onlyState.changes().get(0);
        assertEquals(Action.UPDATE, c.action());
        assertFalse(c.configChanged());
        assertEquals(DesiredState.RUNNING, c.state().from());
        assertEquals(DesiredState.PAUSED, c.state().to());

        var both = Planner.plan(target(spec("a", DesiredState.STOPPED, Map.of("k", "2"))),
                state(live("a", "PAUSED", Map.of("connector.class", "X", "tasks.max", "1", "k", "1"))), owning(), false, Sensitivity.byName());
        Change b = both.changes().get(0);
        assertTrue(b.configChanged());
        assertEquals(DesiredState.STOPPED, b.state().to());
    }

    @Test
    void aFailedConnectorIsNotAStateChange() {
        var plan = Planner.plan(target(spec("a", DesiredState.RUNNING, Map.of())),
                state(live("a", "FAILED", Map.of("connector.class", "X", "tasks.max", "1"))), owning(), false, Sensitivity.byName());
        assertEquals(Action.NONE, plan.changes().get(0).action());
    }

    @Test
    void deletesOnlyOwnedConnectorsAndOnlyWithPrune() {
        LiveState live = state(live("mine", "RUNNING", Map.of()), live("theirs", "RUNNING", Map.of()));
        var noPrune = Planner.plan(target(), live, owning("mine"), false, Sensitivity.byName());
        assertEquals(0, noPrune.count(Action.DELETE));
        assertEquals(List.of("theirs"), noPrune.unmanaged());
        var prune = Planner.plan(target(), live, owning("mine"), true, Sensitivity.byName());
        assertEquals(1, prune.count(Action.DELETE));
        assertEquals("mine", prune.changes().stream().filter(c -> c.action() == Action.DELETE).findFirst().orElseThrow().name());
        assertEquals(List.of("theirs"), prune.unmanaged());
    }

    @Test
    void sensitiveValuesNeverReachAnyRendering() {
        var desired = spec("a", DesiredState.RUNNING, Map.of("database.password", "hunter2-new", "db.secret", "s3cr3t-value",
                "connection.password", "${file:/etc/secrets.properties:pw}", "plain", "visible"));
        var actual = live("a", "RUNNING", Map.of("connector.class", "X", "tasks.max", "1", "database.password", "hunter2-old"));
        TargetPlan cluster = Planner.plan(target(desired), state(actual), owning(), false, new Sensitivity(Set.of("plain")));
        Plan plan = Plan.assemble(List.of(cluster), false);
        String text = PlanText.text(plan, Style.PLAIN);
        String json = PlanJson.toJson(plan).toString();
        String markdown = PlanText.markdown(plan);
        for (String rendered : List.of(text, json, markdown)) {
            for (String secret : List.of("hunter2-new", "hunter2-old", "s3cr3t-value", "visible")) {
                assertFalse(rendered.contains(secret), "leaked " + secret + " in:\n" + rendered);
            }
        }
        assertTrue(text.contains("database.password: (sensitive value changed)"), text);
        assertTrue(json.contains("${file:/etc/secrets.properties:pw}"), json);
    }

    static Plan planOf(Map<String, String> config) {
        return Plan.assemble(List.of(Planner.plan(target(spec("a", DesiredState.RUNNING, config)), state(),
                owning(), false, Sensitivity.byName())), false);
    }

    @Test
    void theDigestCoversEveryValueButASecretAndNotTheTime() {
        Plan a = planOf(Map.of("topic", "orders", "password", "hunter2"));
        assertEquals(a.digest(), planOf(Map.of("topic", "orders", "password", "hunter2")).digest());
        assertNotEquals(a.digest(), planOf(Map.of("topic", "payments", "password", "hunter2")).digest());
        // Without CONNECTOPS_PLAN_KEY a secret is not in the digest at all: a plan file is no oracle for it.
        assertEquals(a.digest(), planOf(Map.of("topic", "orders", "password", "123456")).digest());
    }

    @Test
    void aValueFromASecretIsMaskedAndReportedChangedOnlyWhenItChanged() {
        ConnectorSpec secretUrl = new ConnectorSpec("s", Map.of(), null, "X", 1, DesiredState.RUNNING,
                Map.of("connection.url", "jdbc:x://db?pw=NewSecret1"), RestartPolicy.DEFAULT, null, SourceLocation.UNKNOWN,
                Map.of(), Set.of("connection.url"));
        LiveConnector same = live("s", "RUNNING", Map.of("connector.class", "X", "tasks.max", "1", "connection.url", "jdbc:x://db?pw=NewSecret1"));
        assertEquals(Action.NONE, Planner.plan(target(secretUrl), state(same), owning("s"), false, Sensitivity.byName()).changes().get(0).action());

        LiveConnector old = live("s", "RUNNING", Map.of("connector.class", "X", "tasks.max", "1", "connection.url", "jdbc:x://db?pw=OldSecret1"));
        Change change = Planner.plan(target(secretUrl), state(old), owning("s"), false, Sensitivity.byName()).changes().get(0);
        assertEquals(List.of(new KeyChange("connection.url", KeyChange.Kind.CHANGED, Sensitivity.MASK, Sensitivity.MASK, true)),
                change.keyChanges());
        String text = PlanText.text(Plan.assemble(List.of(Planner.plan(target(secretUrl), state(old), owning("s"), false,
                Sensitivity.byName())), false), Style.PLAIN);
        assertTrue(text.contains("~ connection.url: (sensitive value changed)"), text);
        assertFalse(text.contains("Secret1"), text);
    }

    @Test
    void aConnectorDeclaredAbsentIsDeletedOnlyWhenOwned() {
        ConnectorSpec gone = spec("g", DesiredState.ABSENT, Map.of());
        LiveConnector live = live("g", "RUNNING", Map.of("connector.class", "X"));
        assertEquals(Action.DELETE, Planner.plan(target(gone), state(live), owning("g"), false, Sensitivity.byName()).changes().get(0).action());
        Change notOurs = Planner.plan(target(gone), state(live), owning(), false, Sensitivity.byName()).changes().get(0);
        assertEquals(Action.NONE, notOurs.action());
        assertTrue(notOurs.note().contains("not owned"), notOurs.note());
        assertEquals(Action.NONE, Planner.plan(target(gone), state(), owning(), false, Sensitivity.byName()).changes().get(0).action());
    }

    @Test
    void aDeclaredConnectorThatCannotBeReadIsLeftAloneNotCreated() {
        LiveState fallback = new LiveState(Map.of(), true, Map.of("broken", "HTTP 500: plugin not found"));
        Change change = Planner.plan(target(spec("broken", DesiredState.RUNNING, Map.of("a", "b"))), fallback, owning("broken"), false,
                Sensitivity.byName()).changes().get(0);
        assertEquals(Action.NONE, change.action());
        assertTrue(change.note().contains("exists but cannot be read (HTTP 500: plugin not found)"), change.note());
    }

    /** Ownership as a record store reports it: the named connectors are ours, the rest nobody's; no marker. */
    static Ownership owning(String... names) {
        Map<String, Owner> owners = new java.util.HashMap<>();
        for (String name : names) {
            owners.put(name, Owner.CONNECTOPS);
        }
        return new Ownership(owners, Owner.NONE, null, Map.of(), Set.of());
    }
}
