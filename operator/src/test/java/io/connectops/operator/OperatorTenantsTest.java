package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.controller.ControllerOptions;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.Await;
import io.connectops.devstack.junit.DevStackExtension;
import io.connectops.operator.apiserver.RuledMockServer;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One operator watching three teams' namespaces: each namespace is a tenant (its variables, its clusters, its bad input). */
@ExtendWith(DevStackExtension.class)
class OperatorTenantsTest {
    RuledMockServer api;
    KubernetesClient client;
    Operator operator;

    @BeforeEach
    void apiServer() {
        api = TestApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        TestApiServer.finish(api);
    }

    @Test
    void aNamespaceSeesOnlyItsOwnSecretsAndClustersAndItsBadInputStopsOnlyIt(DevStack stack, @TempDir Path tmp) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String secretValue = "team-b-only-" + run;
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        cluster("team-a", "a-" + run, stack, "a" + run);
        cluster("team-b", "b-" + run, stack, "b" + run);
        client.secrets().inNamespace("team-b").resource(new SecretBuilder().withNewMetadata().withName("vars")
                .addToLabels(KubernetesSource.VARIABLES_LABEL, "true").endMetadata().addToStringData("db.password", secretValue).build()).create();
        // team-a reaches for team-b's secret; team-c for team-a's cluster; team-b does it right.
        connector("team-a", "a-steal-" + run, "a-" + run, "{{ db.password }}");
        connector("team-b", "b-ok-" + run, "b-" + run, "{{ db.password }}");
        connector("team-c", "c-cross-" + run, "a-" + run, "plain");
        operator = start(tmp, List.of("team-a", "team-b", "team-c"), List.of());

        Await.until("team-b's connector applied with its own secret", Duration.ofSeconds(60),
                () -> secretValue.equals(connect.config("b-ok-" + run).map(c -> c.get("noop.label")).orElse(null)));
        Await.until("team-a refused by name", Duration.ofSeconds(30), () -> "Rejected".equals(reason(current("team-a", "a-steal-" + run))));
        Await.until("team-c refused by name", Duration.ofSeconds(30), () -> "Rejected".equals(reason(current("team-c", "c-cross-" + run))));
        String stealing = message(current("team-a", "a-steal-" + run));
        assertTrue(stealing.contains("db.password"), "says which variable it cannot have: " + stealing);
        assertFalse(stealing.contains(secretValue), stealing);
        String crossing = message(current("team-c", "c-cross-" + run));
        assertTrue(crossing.contains("a-" + run), "says which cluster it cannot reach: " + crossing);
        assertTrue(connect.config("a-steal-" + run).isEmpty(), "nothing of a refused namespace is written");
        assertTrue(connect.config("c-cross-" + run).isEmpty());
    }

    /** The operator's --policy: a namespace whose connector breaks a Deny rule is refused with the rule; the others apply. */
    @Test
    void aNamespaceBreakingAPolicyIsRefusedWithTheRuleAndTheOthersApply(DevStack stack, @TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        java.nio.file.Path policy = java.nio.file.Files.writeString(tmp.resolve("platform.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: labels}
                spec:
                  match: {kinds: [Connector]}
                  validations:
                    - expression: "object.spec.config['noop.label'] != 'forbidden'"
                      messageExpression: "'connector ' + object.metadata.name + ' uses a forbidden label'"
                """);
        cluster("team-a", "pa-" + run, stack, "pa" + run);
        cluster("team-b", "pb-" + run, stack, "pb" + run);
        connector("team-a", "a-bad-" + run, "pa-" + run, "forbidden");
        connector("team-b", "b-good-" + run, "pb-" + run, "fine");
        operator = start(tmp, List.of("team-a", "team-b"), List.of(policy.toString()));

        Await.until("team-b applied", Duration.ofSeconds(60), () -> connect.config("b-good-" + run).isPresent());
        Await.until("team-a refused", Duration.ofSeconds(30), () -> "Rejected".equals(reason(current("team-a", "a-bad-" + run))));
        String why = message(current("team-a", "a-bad-" + run));
        assertTrue(why.contains("violates policy 'labels'") && why.contains("uses a forbidden label"), why);
        assertTrue(connect.config("a-bad-" + run).isEmpty(), "nothing of the refused namespace is written");
    }

    /** Teams under the operator, by namespace (docs/teams.md): a name outside the namespace's team's prefixes refuses it. */
    @Test
    void aNamespacesTeamMayOnlyNameWhatItOwns(DevStack stack, @TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        ConnectClient connect = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        java.nio.file.Path teams = java.nio.file.Files.writeString(tmp.resolve("teams.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Team
                metadata: {name: orders}
                spec: {namespaces: [team-a], owns: {connectors: [orders-]}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Team
                metadata: {name: payments}
                spec: {namespaces: [team-b], owns: {connectors: [payments-]}}
                """);
        cluster("team-a", "ta-" + run, stack, "ta" + run);
        cluster("team-b", "tb-" + run, stack, "tb" + run);
        connector("team-a", "payments-grab-" + run, "ta-" + run, "x");
        connector("team-b", "payments-ok-" + run, "tb-" + run, "y");
        operator = start(tmp, List.of("team-a", "team-b"), List.of(teams.toString()));

        try {
            Await.until("payments' connector applied, marked with its team", Duration.ofSeconds(60),
                    () -> "payments".equals(connect.config("payments-ok-" + run).map(c -> c.get("connectops.io/owner")).orElse(null)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + connect.config("payments-ok-" + run) + " / " + message(current("team-b", "payments-ok-" + run)), e);
        }
        Await.until("orders refused", Duration.ofSeconds(30), () -> "Rejected".equals(reason(current("team-a", "payments-grab-" + run))));
        String why = message(current("team-a", "payments-grab-" + run));
        assertTrue(why.contains("is declared by team 'orders'") && why.contains("connector names must start with 'orders-'"), why);
        assertTrue(connect.config("payments-grab-" + run).isEmpty());
    }

    /** The operator over {@code namespaces}, with {@code policyPaths} (--policy), polling fast for the test. */
    private Operator start(Path tmp, List<String> namespaces, List<String> policyPaths) {
        ControllerOptions options = ControllerOptions.builder("kubernetes", tmp.resolve("cache")).interval(Duration.ofMillis(200))
                .resync(Duration.ofMillis(500)).shutdownTimeout(Duration.ofSeconds(10)).policyPaths(policyPaths).build();
        Operator started = new Operator(api.operatorClient(), namespaces, options, onChange -> null, Duration.ofMillis(200));
        started.start();
        return started;
    }

    private void cluster(String namespace, String name, DevStack stack, String owner) {
        ConnectClusterResource cluster = new ConnectClusterResource();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        cluster.setSpec(new ConnectClusterResource.Spec());
        cluster.getSpec().url = stack.connectUrl().toString();
        cluster.getSpec().ownership = Map.of("owner", owner);
        client.resource(cluster).create();
    }

    private void connector(String namespace, String name, String cluster, String label) {
        ConnectorResource resource = new ConnectorResource();
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        resource.setSpec(new ConnectorResource.Spec());
        resource.getSpec().cluster = cluster;
        resource.getSpec().connectorClass = OperatorAgainstConnectTest.NOOP;
        resource.getSpec().tasksMax = 1;
        resource.getSpec().config = Map.of("noop.label", label);
        client.resource(resource).create();
    }

    private ConnectorResource current(String namespace, String name) {
        return client.resources(ConnectorResource.class).inNamespace(namespace).withName(name).get();
    }

    private static String reason(ConnectorResource resource) {
        return condition(resource).map(c -> c.reason).orElse(null);
    }

    private static String message(ConnectorResource resource) {
        return condition(resource).map(c -> c.message).orElse("");
    }

    private static java.util.Optional<io.connectops.operator.crd.Condition> condition(ConnectorResource resource) {
        if (resource == null || resource.getStatus() == null || resource.getStatus().conditions == null) {
            return java.util.Optional.empty();
        }
        return resource.getStatus().conditions.stream().filter(c -> c.type.equals("Synced")).findFirst();
    }
}
