package io.connectops.load;

import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.validate.OfflineValidator;
import io.connectops.model.Targets;
import org.junit.jupiter.api.Test;

class DeclarationLoaderTest {
    static DeclarationLoader.Result load(String name, String yaml) {
        return DeclarationLoader.load(List.of(new InputFiles.Input(name, yaml)));
    }

    static List<Diagnostic> problems(String name, String yaml) {
        return assertThrows(InvalidInputException.class, () -> load(name, yaml)).diagnostics();
    }

    @Test
    void readsAConnectorWithEveryFieldAndKeepsScalarsAsWritten() {
        ConnectorSpec c = load("c.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata:
                  name: orders-sink
                  labels: {team: payments}
                spec:
                  cluster: main
                  class: org.apache.kafka.connect.file.FileStreamSinkConnector
                  tasksMax: 2
                  state: Paused
                  config: {topics: orders, batch: 007, ratio: 1.50, enabled: true, file: /tmp/x}
                  restartPolicy: {type: Never, maxRetries: 3}
                  restartToken: "2024-01-01"
                """).declarations().connectors().get(0);
        assertEquals("orders-sink", c.name());
        assertEquals("main", c.cluster());
        assertEquals(2, c.tasksMax());
        assertEquals(DesiredState.PAUSED, c.state());
        assertEquals(Map.of("topics", "orders", "batch", "007", "ratio", "1.50", "enabled", "true", "file", "/tmp/x"), c.config());
        assertEquals(new RestartPolicy(RestartPolicy.Type.Never, 3), c.restartPolicy());
        assertEquals("c.yaml:4:3", c.source().toString());
        assertEquals("2", c.connectConfig().get("tasks.max"));
        assertEquals("org.apache.kafka.connect.file.FileStreamSinkConnector", c.connectConfig().get("connector.class"));
    }

    @Test
    void offsetsAreATokenWithAResetOrASetOfFlatPartitionsAndOffsets() {
        ConnectorSpec c = load("c.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  class: X
                  offsets:
                    token: t1
                    set:
                      - partition: {filename: /data/in.txt}
                        offset: {position: 42}
                """).declarations().connectors().get(0);
        assertEquals("t1", c.offsets().token());
        assertEquals(java.util.Map.of("position", 42L), c.offsets().set().get(0).offset());
        List<Diagnostic> both = problems("o.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  class: X
                  offsets:
                    token: t2
                    reset: true
                    set:
                      - partition: {filename: x}
                        offset: {position: {nested: 1}}
                """);
        assertTrue(both.stream().anyMatch(d -> d.message().contains("either 'reset: true' or 'set")), both.toString());
        assertTrue(both.stream().anyMatch(d -> d.location().line() == 11 && d.message().contains("position")), both.toString());
    }

    @Test
    void defaultsAreRunningAndOnFailureWithTenRetries() {
        ConnectorSpec c = load("c.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec: {class: X}
                """).declarations().connectors().get(0);
        assertEquals(DesiredState.RUNNING, c.state());
        assertEquals(RestartPolicy.DEFAULT, c.restartPolicy());
        assertNull(c.tasksMax());
        assertEquals(Map.of("connector.class", "X"), c.connectConfig());
    }

    @Test
    void unknownFieldNamesFileLineAndSuggestsTheClosest() {
        List<Diagnostic> p = problems("dir/bad.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  class: X
                  taskMax: 2
                """);
        assertEquals(1, p.size(), p.toString());
        assertEquals("dir/bad.yaml:6:3", p.get(0).location().toString());
        assertTrue(p.get(0).message().contains("'spec.taskMax'") && p.get(0).message().contains("did you mean 'tasksMax'"), p.toString());
    }

    @Test
    void reportsEveryProblemOfEveryDocumentAtOnce() {
        List<Diagnostic> p = problems("multi.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  tasksMax: zero
                  state: runing
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Conector
                metadata: {name: b}
                """);
        String all = p.toString();
        assertEquals(4, p.size(), all);
        assertTrue(all.contains("missing required field 'spec.class'"), all);
        assertTrue(all.contains("multi.yaml:5:3") && all.contains("'spec.tasksMax' must be a whole number"), all);
        assertTrue(all.contains("multi.yaml:6:3") && all.contains("did you mean 'running'"), all);
        assertTrue(all.contains("multi.yaml:9:1") && all.contains("did you mean 'Connector'"), all);
    }

    @Test
    void aKeySetTwiceIsAnError() {
        List<Diagnostic> p = problems("twice.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  class: X
                  config:
                    topics: a
                    topics: b
                """);
        assertEquals("twice.yaml:8:5", p.get(0).location().toString());
        assertTrue(p.get(0).message().contains("set twice") && p.get(0).message().contains("line 7"), p.toString());
    }

    @Test
    void specKeysRepeatedInsideConfigAreErrors() {
        List<Diagnostic> p = problems("dup.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec:
                  class: X
                  config:
                    connector.class: Y
                    tasks.max: 3
                    name: a
                    nested: {not: allowed}
                """);
        String all = p.toString();
        assertEquals(4, p.size(), all);
        assertTrue(all.contains("dup.yaml:7:5") && all.contains("comes from 'spec.class'"), all);
        assertTrue(all.contains("dup.yaml:8:5") && all.contains("spec.tasksMax"), all);
        assertTrue(all.contains("dup.yaml:9:5") && all.contains("metadata.name"), all);
        assertTrue(all.contains("dup.yaml:10:5") && all.contains("single value"), all);
    }

    @Test
    void malformedYamlNamesTheLine() {
        List<Diagnostic> p = problems("broken.yaml", "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: a\nspec: {}\n");
        assertTrue(p.get(0).toString().startsWith("broken.yaml:") && p.get(0).message().startsWith("malformed YAML"), p.toString());
        assertTrue(p.get(0).location().line() >= 3, p.toString());
    }

    @Test
    void foreignKindsAreSkippedWithAWarning() {
        DeclarationLoader.Result r = load("k.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                """);
        assertTrue(r.declarations().connectors().isEmpty());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).message().contains("apps/v1 Deployment"));
    }

    @Test
    void nameDeclaredTwiceNamesBothPlaces() {
        var declarations = DeclarationLoader.load(List.of(
                new InputFiles.Input("one.yaml", "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: a}\nspec: {class: X}\n"),
                new InputFiles.Input("two.yaml", "\n\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata:\n  name: a\nspec: {class: X}\n")))
                .declarations();
        var e = assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(declarations, "http://localhost:8083"));
        assertEquals("two.yaml:6:3", e.diagnostics().get(0).location().toString());
        assertTrue(e.getMessage().contains("one.yaml:3:12"), e.getMessage());
    }

    @Test
    void clusterReferencesAreResolvedOrReported() {
        String clusters = """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: east}
                spec: {url: "http://east:8083"}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: west}
                spec: {urls: ["http://west-1:8083", "http://west-2:8083"]}
                ---
                """;
        var ok = load("c.yaml", clusters + """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec: {class: X, cluster: west}
                """).declarations();
        Targets targets = OfflineValidator.resolve(ok, null);
        assertEquals(List.of("east", "west"), targets.clusters().stream().map(Targets.ClusterTarget::name).toList());
        assertEquals(2, targets.clusters().get(1).cluster().urls().size());
        assertEquals("a", targets.clusters().get(1).connectors().get(0).name());

        var unknown = load("c.yaml", clusters + """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: a}
                spec: {class: X, cluster: north}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: b}
                spec: {class: X}
                """).declarations();
        var e = assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(unknown, null));
        assertEquals(2, e.diagnostics().size(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown cluster 'north'") && e.getMessage().contains("east, west"), e.getMessage());
        assertTrue(e.getMessage().contains("must say which cluster"), e.getMessage());
    }

    @Test
    void withoutAnyClusterTheConnectUrlIsRequired() {
        var d = load("c.yaml", "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: a}\nspec: {class: X}\n").declarations();
        var e = assertThrows(InvalidInputException.class, () -> OfflineValidator.resolve(d, null));
        assertTrue(e.getMessage().contains("--connect-url"), e.getMessage());
        assertEquals("default", OfflineValidator.resolve(d, "http://localhost:8083").clusters().get(0).name());
    }
}
