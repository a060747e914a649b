package io.connectops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.connectops.apply.ApplyReport;
import io.connectops.apply.Progress;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.connect.RetryPolicy;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.ConnectClusterSpec;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.ownership.OwnershipStore;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.Plan;
import io.connectops.plan.TargetKind;
import io.connectops.render.VariableFiles;
import io.connectops.render.Variables;
import io.connectops.validate.OfflineValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The formats users already have, applied to a real embedded Kafka + Connect exactly as they are. */
@ExtendWith(DevStackExtension.class)
class OtherFormatsAgainstConnectTest {
    static final String NOOP = "io.connectops.devstack.noop.NoOpSourceConnector";

    DevStack stack;
    ConnectClient admin;
    OwnershipStore ownership;
    Path dir;
    String prefix;
    String owner;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path dir) {
        this.stack = stack;
        this.dir = dir;
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "f" + UUID.randomUUID().toString().substring(0, 6) + "-";
        // Each test its own owner id: tests share one cluster, and the marker lives on the cluster.
        this.owner = prefix.substring(0, prefix.length() - 1);
        this.ownership = new MarkerOwnership(owner);
    }

    Plan plan(String yaml, Variables variables) {
        var declarations = DeclarationLoader.load(List.of(new InputFiles.Input("in.yaml", yaml)), variables).declarations();
        Engine engine = new Engine(OfflineValidator.resolve(declarations, stack.connectUrl().toString()),
                t -> new ConnectClient(ConnectEndpoint.of(t.name(), stack.connectUrl()), RetryPolicy.DEFAULT), t -> ownership);
        this.engine = engine;
        return engine.plan(false, true, 4);
    }

    Engine engine;

    ApplyReport apply(Plan plan) {
        ApplyReport report = engine.apply(plan, 4, Progress.NONE);
        assertTrue(report.ok(), report.toString());
        return report;
    }

    String configMap(String enabled) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %1$spipeline
                  labels:
                    destination: connect
                    enabled: "%2$s"
                data:
                  source.json: |-
                    {
                      "name": "%1$ssource",
                      "config": {
                        "connector.class": "%3$s",
                        "tasks.max": 1,
                        "noop.label": env.PIPELINE_LABEL,
                        "value.converter.schema.registry.url": $SCHEMA_REGISTRY_URL,
                        "value.converter.basic.auth.user.info": "\\($SR_KEY):\\($SR_SECRET)",
                        "batch.size": 500
                      }
                    }
                """.formatted(prefix, enabled, NOOP);
    }

    @Test
    void aStreamingOpsConfigMapAppliesExactlyAndEnabledFalseRemovesIt() throws Exception {
        Path vars = Files.createDirectories(dir.resolve("vars"));
        Files.writeString(vars.resolve("connect-operator.properties"), "schema.registry.url=https://sr.example:8081/?a=b\nsr.key=SRKEY\n");
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("sr.properties"), "sr.secret=Sr-Secret-Value-1\n");
        Variables variables = VariableFiles.load(new VariableFiles.Sources(List.of(), List.of(vars), List.of(secrets), null,
                Map.of("PIPELINE_LABEL", "from-env")));

        Plan plan = plan(configMap("true"), variables);
        assertEquals(1, plan.count(Action.CREATE));
        apply(plan);
        EngineAgainstConnectTest.awaitState(admin, prefix + "source", "RUNNING");
        assertEquals(Map.of("name", prefix + "source", "connector.class", NOOP, "tasks.max", "1", "noop.label", "from-env",
                "value.converter.schema.registry.url", "https://sr.example:8081/?a=b",
                "value.converter.basic.auth.user.info", "SRKEY:Sr-Secret-Value-1", "batch.size", "500",
                MarkerOwnership.KEY, owner),
                admin.config(prefix + "source").orElseThrow());
        assertFalse(plan(configMap("true"), variables).hasChanges(), "applied once, nothing left to do");

        Plan disable = plan(configMap("false"), variables);
        Change delete = disable.of(TargetKind.CONNECT).get(0).changes().get(0);
        assertEquals(Action.DELETE, delete.action(), disable.toString());
        apply(disable);
        EngineAgainstConnectTest.awaitState(admin, prefix + "source", "ABSENT");
        assertTrue(admin.config(prefix + "source").isEmpty(), "enabled: \"false\" removed it");
        assertFalse(plan(configMap("false"), variables).hasChanges(), "absent as declared");
    }

    @Test
    void confluentAndStrimziManifestsApplyUnchanged() throws Exception {
        String manifests = """
                apiVersion: platform.confluent.io/v1beta1
                kind: Connector
                metadata:
                  name: %1$scfk
                  namespace: confluent
                spec:
                  class: %2$s
                  taskMax: 2
                  connectClusterRef: {name: default}
                  restartPolicy: {type: OnFailure, maxRetry: 3}
                  configs:
                    noop.label: cfk
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaConnector
                metadata:
                  name: %1$sstrimzi
                  labels: {strimzi.io/cluster: default}
                spec:
                  class: %2$s
                  tasksMax: 1
                  state: paused
                  autoRestart: {enabled: true}
                  config:
                    noop.label: strimzi
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaConnector
                metadata:
                  name: %1$sstrimzi-v1
                  labels: {strimzi.io/cluster: default}
                spec:
                  class: %2$s
                  tasksMax: 1
                  config:
                    noop.label: v1
                """.formatted(prefix, NOOP);
        apply(plan(manifests, Variables.none()));
        EngineAgainstConnectTest.awaitState(admin, prefix + "strimzi", "PAUSED");
        EngineAgainstConnectTest.awaitState(admin, prefix + "cfk", "RUNNING");
        EngineAgainstConnectTest.awaitState(admin, prefix + "strimzi-v1", "RUNNING");
        assertEquals(Map.of("name", prefix + "cfk", "connector.class", NOOP, "tasks.max", "2", "noop.label", "cfk",
                MarkerOwnership.KEY, owner),
                admin.config(prefix + "cfk").orElseThrow());
        assertEquals("strimzi", admin.config(prefix + "strimzi").orElseThrow().get("noop.label"));
        assertEquals("v1", admin.config(prefix + "strimzi-v1").orElseThrow().get("noop.label"));
        assertFalse(plan(manifests, Variables.none()).hasChanges());
    }
}
