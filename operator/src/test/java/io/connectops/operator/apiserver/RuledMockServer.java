package io.connectops.operator.apiserver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * fabric8's CRUD mock server with {@link ApiServerRules} in front, as the operator's tests use it: the RBAC of
 * deploy/base/role.yaml (what every overlay binds; DeployManifestsTest checks the overlays render the same rules) and
 * the CRDs of deploy/base/crds.
 */
public final class RuledMockServer implements AutoCloseable {
    public static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesClient operatorClient;
    private final ApiServerRules rules;

    private RuledMockServer(KubernetesMockServer server, KubernetesClient client, ApiServerRules rules) {
        this.server = server;
        this.client = client;
        this.rules = rules;
        this.operatorClient = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                client.getConfiguration()).withOauthToken(ApiServerRules.OPERATOR_TOKEN).build()).build();
    }

    /** @param contexts the custom resources the mock serves (with their status subresource) */
    public static RuledMockServer start(List<CustomResourceDefinitionContext> contexts) {
        try {
            ApiServerRules rules = new ApiServerRules(new KubernetesCrudDispatcher(contexts), baseRbac(),
                    CrdSchemas.load(DEPLOY.resolve("base/crds")));
            KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), rules, false);
            server.init();
            return new RuledMockServer(server, server.createClient(), rules);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Role and RoleBinding of deploy/base/role.yaml. */
    public static RenderedRbac baseRbac() throws IOException {
        return RenderedRbac.of(documents(java.nio.file.Files.readString(DEPLOY.resolve("base/role.yaml"))));
    }

    public static List<JsonNode> documents(String text) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** A cluster administrator's client (a person with kubectl): schema checks only. */
    public KubernetesClient client() {
        return client;
    }

    /** The operator's client: its ServiceAccount, authorized by the rendered RBAC. */
    public KubernetesClient operatorClient() {
        return operatorClient;
    }

    public ApiServerRules rules() {
        return rules;
    }

    @Override
    public void close() {
        operatorClient.close();
        client.close();
        server.destroy();
    }
}
