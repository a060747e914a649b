package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * deploy/: the CRDs are the ones generated from the Java model, and the overlays render (kubectl kustomize) to
 * what the operator needs and no more: Secrets read and written (generated passwords), never deleted, ConfigMaps read and annotated, status and finalizer
 * writes, Events, a Lease; probes on the HTTP port.
 */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of("..", "deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(String text) throws IOException {
        return io.connectops.operator.apiserver.RuledMockServer.documents(text);
    }

    @Test
    void theCommittedCrdsAreTheGeneratedOnes() throws IOException {
        for (String name : List.of("connectors.connectops.io", "connectclusters.connectops.io", "kafkaclusters.connectops.io",
                "topics.connectops.io", "acls.connectops.io", "users.connectops.io")) {
            JsonNode committed = YAML.readTree(DEPLOY.resolve("base/crds/" + name + ".yaml").toFile());
            JsonNode generated = YAML.readTree(Path.of("target/classes/META-INF/fabric8/" + name + "-v1.yml").toFile());
            assertEquals(generated, committed, name + ": copy target/classes/META-INF/fabric8/" + name + "-v1.yml to deploy/base/crds/");
        }
    }

    static String kustomize(String overlay) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve(overlay).toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl is not installed here: " + e.getMessage());
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void theOverlaysRenderWithLeastPrivilegeAndProbes() throws Exception {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<JsonNode> docs = documents(kustomize(overlay));
            List<String> kinds = docs.stream().map(d -> d.path("kind").asText()).toList();
            assertTrue(kinds.containsAll(List.of("CustomResourceDefinition", "ServiceAccount", "Role", "RoleBinding", "Deployment", "Service")),
                    overlay + ": " + kinds);
            for (JsonNode doc : docs) {
                if (!Set.of("Role", "ClusterRole").contains(doc.path("kind").asText())) {
                    continue;
                }
                for (JsonNode rule : doc.path("rules")) {
                    List<String> verbs = new ArrayList<>();
                    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                    assertFalse(verbs.contains("*") || verbs.contains("delete"), overlay + ": no wildcard or delete verbs: " + rule);
                    for (JsonNode resource : rule.path("resources")) {
                        if (resource.asText().equals("secrets")) {
                            assertEquals(List.of("get", "list", "watch", "create", "update"), verbs, overlay
                                    + ": secrets read, and written only to keep generated passwords (never deleted)");
                        }
                        if (resource.asText().equals("configmaps")) {
                            assertEquals(List.of("get", "list", "watch", "create", "update", "patch"), verbs, overlay
                                    + ": configmaps read, patched for the status annotation, written for workers (never deleted)");
                        }
                    }
                }
            }
            JsonNode deployment = docs.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertEquals("/healthz", container.at("/livenessProbe/httpGet/path").asText());
            assertEquals("/readyz", container.at("/readinessProbe/httpGet/path").asText());
            assertEquals("operator", container.at("/args/0").asText());
            assertTrue(container.at("/resources/limits/memory").isTextual());
            assertTrue(container.at("/args").toString().contains("--status-token-file"), overlay + ": /status and /api need a token");
            JsonNode policy = docs.stream().filter(d -> d.path("kind").asText().equals("NetworkPolicy")).findFirst().orElseThrow();
            assertEquals("connectops-operator", policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText(),
                    overlay + ": the policy holds the operator's pods, not the workers'");
        }
        List<JsonNode> prod = documents(kustomize("overlays/prod"));
        JsonNode deployment = prod.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        assertEquals(2, deployment.at("/spec/replicas").asInt(), "prod runs two replicas behind the Lease");
        assertTrue(prod.stream().anyMatch(d -> d.path("kind").asText().equals("RoleBinding")
                && d.at("/metadata/namespace").asText().equals("team-orders")), "bound in a watched team namespace");
    }

    @Test
    void theExampleConnectClusterRendersAndIsAcceptedAsTheOperatorReadsIt() throws Exception {
        List<JsonNode> docs = documents(kustomize("examples/connect-cluster"));
        JsonNode clusterDoc = docs.stream().filter(d -> d.path("kind").asText().equals("ConnectCluster")).findFirst().orElseThrow();
        JsonNode connectorDoc = docs.stream().filter(d -> d.path("kind").asText().equals("Connector")).findFirst().orElseThrow();
        io.connectops.operator.crd.ConnectClusterResource cluster = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                clusterDoc.toString(), io.connectops.operator.crd.ConnectClusterResource.class);
        io.connectops.operator.crd.ConnectorResource connector = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                connectorDoc.toString(), io.connectops.operator.crd.ConnectorResource.class);
        assertEquals(2, cluster.getSpec().workers.replicas);
        var declarations = io.connectops.load.DeclarationLoader.load(List.of(
                new io.connectops.load.InputFiles.Input("cluster", ResourceDocuments.document(cluster)),
                new io.connectops.load.InputFiles.Input("connector", ResourceDocuments.document(connector)))).declarations();
        var spec = declarations.clusters().get(0);
        assertEquals("http://orders-connect.connectops-dev.svc:8083", spec.urls().get(0).toString(), "its workers' Service");
        assertEquals(1L << 30, spec.plugins().storageLimit());
        assertEquals("io.debezium:debezium-connector-postgres:tar.gz:plugin:3.6.1.Final", spec.plugins().plugins().get(0).origin());
        assertEquals("orders", declarations.connectors().get(0).cluster());
        WorkerRenderer.Rendered rendered = WorkerRenderer.render(cluster, spec.plugins(), Operator.DEFAULT_INSTALLER_IMAGE);
        assertEquals(2, rendered.deployment().getSpec().getReplicas());
        assertTrue(rendered.config().getData().get("connect-distributed.properties").contains("config.storage.replication.factor=3"));
        JsonNode podSpec = new ObjectMapper().readTree(io.fabric8.kubernetes.client.utils.Serialization.asJson(rendered.deployment()))
                .at("/spec/template/spec");
        assertEquals(List.of(), io.connectops.operator.apiserver.PodSecurityRestricted.violations(podSpec),
                "under PodSecurity restricted the workers' pods are admitted");
        assertEquals(1, podSpec.path("initContainers").size(), "the plugin installer is checked too");
        assertTrue(podSpec.at("/containers/0/env").toString().contains("KAFKA_HEAP_OPTS"),
                "the heap follows the container's memory, not connect-distributed.sh's 2 GB");
        assertTrue(podSpec.at("/securityContext/runAsUser").isNumber(), "a numeric user: the kubelet cannot check runAsNonRoot against a name");
        // And the checker can fail: the pod as it was rendered before (no seccomp profile, capabilities kept).
        com.fasterxml.jackson.databind.node.ObjectNode before = podSpec.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) before.get("securityContext")).remove("seccompProfile");
        ((com.fasterxml.jackson.databind.node.ObjectNode) before.at("/containers/0/securityContext")).remove("capabilities");
        assertEquals(Operator.DEFAULT_INSTALLER_IMAGE, podSpec.at("/initContainers/0/image").asText());
        assertFalse(Operator.DEFAULT_INSTALLER_IMAGE.endsWith(":latest"), "the installer is the operator's own version");
        cluster.getSpec().workers.installerImage = "mirror.example/connectops:pinned";
        assertEquals("mirror.example/connectops:pinned", WorkerRenderer.render(cluster, spec.plugins(), Operator.DEFAULT_INSTALLER_IMAGE)
                .deployment().getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage(), "the cluster's own installer image wins");
        List<String> refused = io.connectops.operator.apiserver.PodSecurityRestricted.violations(before);
        assertEquals(2, refused.stream().filter(v -> v.startsWith("connect:")).count(), refused.toString());
    }

    @Test
    void everyOverlayCreatesItsNamespacesAndGrantsTheOperatorTheBaseRules() throws Exception {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<JsonNode> docs = documents(kustomize(overlay));
            Set<String> namespaces = new java.util.TreeSet<>();
            Set<String> created = new java.util.TreeSet<>();
            for (JsonNode doc : docs) {
                if (doc.path("kind").asText().equals("Namespace")) {
                    created.add(doc.at("/metadata/name").asText());
                } else if (doc.at("/metadata/namespace").isTextual()) {
                    namespaces.add(doc.at("/metadata/namespace").asText());
                }
            }
            assertTrue(created.containsAll(namespaces), overlay + ": kubectl apply -k on a fresh cluster needs " + namespaces + ", creates " + created);
            var rbac = io.connectops.operator.apiserver.RenderedRbac.of(docs);
            var renew = new io.connectops.operator.apiserver.RequestAttributes("patch", "coordination.k8s.io", "leases", null, "x", "l");
            assertTrue(rbac.allows(renew), overlay + ": the Lease is renewed with a PATCH");
            var finalizers = new io.connectops.operator.apiserver.RequestAttributes("update", "connectops.io", "connectclusters", "finalizers", "x", "c");
            assertTrue(rbac.allows(finalizers), overlay + ": blockOwnerDeletion on the workers' objects");
        }
        // The team ClusterRole of prod holds the same rules as the base Role, the Lease aside (it is in the operator's namespace).
        List<JsonNode> prod = documents(kustomize("overlays/prod"));
        JsonNode role = prod.stream().filter(d -> d.path("kind").asText().equals("Role")).findFirst().orElseThrow();
        JsonNode team = prod.stream().filter(d -> d.path("kind").asText().equals("ClusterRole")).findFirst().orElseThrow();
        List<JsonNode> roleRules = new ArrayList<>();
        role.path("rules").forEach(r -> {
            if (!r.path("apiGroups").toString().contains("coordination.k8s.io")) {
                roleRules.add(r);
            }
        });
        List<JsonNode> teamRules = new ArrayList<>();
        team.path("rules").forEach(teamRules::add);
        assertEquals(roleRules, teamRules);
    }
}
