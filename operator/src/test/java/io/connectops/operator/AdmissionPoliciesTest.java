package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.connectops.model.InvalidInputException;
import io.connectops.operator.apiserver.RuledMockServer;
import io.connectops.operator.crd.ConnectorResource;
import io.connectops.operator.crd.TopicResource;
import io.connectops.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy library rendered as admission policies: objects the API server accepts (checked by the admissionregistration
 * rules in front of the mock), which then refuse a custom resource that breaks a rule, as the API server's
 * ValidatingAdmissionPolicy plugin would (evaluated with the same CEL).
 */
class AdmissionPoliciesTest {
    static final String NAMESPACE = "team-orders";

    static List<HasMetadata> library() {
        return AdmissionPolicies.render(Pipeline.policyFiles(List.of("../examples/policies")));
    }

    static TopicResource topic(String name, int partitions) {
        TopicResource topic = new TopicResource();
        topic.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        topic.setSpec(new TopicResource.Spec());
        topic.getSpec().partitions = partitions;
        return topic;
    }

    @Test
    void theLibraryIsAcceptedAndThenRefusesWhatBreaksItsRules() {
        RuledMockServer api = TestApiServer.start();
        try {
            List<HasMetadata> objects = library();
            assertEquals(16, objects.size(), "eight policies, each with its binding");
            List<String> done = AdmissionPolicies.apply(api.client(), objects);
            assertTrue(done.stream().allMatch(line -> line.endsWith(": created")), done.toString());
            assertEquals(List.of(), api.rules().refused(), "the API server's rules accept every rendered object");

            api.client().resource(topic("orders.created", 6)).create();
            KubernetesClientException big = assertThrows(KubernetesClientException.class, () -> api.client().resource(topic("orders.big", 48))
                    .create());
            assertEquals(422, big.getCode());
            assertTrue(big.getMessage().contains("ValidatingAdmissionPolicy 'connectops-topic-limits'")
                    && big.getMessage().contains("topic orders.big asks for 48 partitions: at most 12"), big.getMessage());

            ConnectorResource sink = new ConnectorResource();
            sink.setMetadata(new ObjectMetaBuilder().withName("jdbc-sink").withNamespace(NAMESPACE).build());
            sink.setSpec(new ConnectorResource.Spec());
            sink.getSpec().connectorClass = "io.confluent.connect.jdbc.JdbcSinkConnector";
            sink.getSpec().config = Map.of("topics", "orders.created", "connection.password", "{{ db.password }}");
            KubernetesClientException noDlq = assertThrows(KubernetesClientException.class, () -> api.client().resource(sink).create());
            assertTrue(noDlq.getMessage().contains("sink jdbc-sink stops at the first bad record"), noDlq.getMessage());
            assertFalse(noDlq.getMessage().contains("no-plain-passwords"), "a template is how a secret reads in a resource: " + noDlq.getMessage());
            assertEquals(2, api.rules().refused().size(), api.rules().refused().toString());

            // Again: updated, and an object of the same name connectops did not render is left alone.
            api.client().resource(new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName("connectops-made-by-hand").endMetadata()
                    .withNewSpec().withNewMatchConstraints().addNewResourceRule().withApiGroups("").withApiVersions("v1")
                    .withOperations("CREATE").withResources("configmaps").endResourceRule().endMatchConstraints()
                    .addNewValidation().withExpression("true").endValidation().endSpec().build()).create();
            List<HasMetadata> again = new java.util.ArrayList<>(objects);
            again.add(new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName("connectops-made-by-hand").endMetadata().build());
            List<String> second = AdmissionPolicies.apply(api.client(), again);
            assertEquals(16, second.stream().filter(line -> line.endsWith(": updated")).count(), second.toString());
            assertTrue(second.contains("ValidatingAdmissionPolicy connectops-made-by-hand: exists and was not made by connectops: left alone"),
                    second.toString());
        } finally {
            api.close();
        }
    }

    @Test
    void aRuleReadingAFieldTheResourceDoesNotHaveIsAnErrorAtItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("typo.yaml"), """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: typo}
                spec:
                  match: {kinds: [Topic]}
                  validations:
                    - expression: "object.spec.partitons <= 12"
                """);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> AdmissionPolicies.render(Pipeline.policyFiles(List.of(dir.toString()))));
        assertTrue(refused.getMessage().contains("typo.yaml:7:") && refused.getMessage().contains("no field 'spec.partitons'"),
                refused.getMessage());
    }

    /** The stand-in refuses what the API server refuses, so the first test's acceptance means something. */
    @Test
    void theApiServerRulesRefuseAnInvalidPolicyOrBinding() {
        RuledMockServer api = TestApiServer.start();
        try {
            var bad = new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName("Bad_Name").endMetadata().withNewSpec()
                    .withNewMatchConstraints().addNewResourceRule().withApiGroups("connectops.io").withApiVersions("v1alpha1")
                    .withOperations("CREATE", "PATCH").withResources("topics").endResourceRule().endMatchConstraints()
                    .addNewValidation().withExpression("true").withMessage("two\nlines").endValidation()
                    .addNewValidation().withExpression("object.spec.partitions").withReason("Unauthorized").endValidation().endSpec().build();
            KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> api.client().resource(bad).create());
            assertTrue(refused.getMessage().contains("metadata.name") && refused.getMessage().contains("Unsupported value: \"PATCH\"")
                    && refused.getMessage().contains("must not contain line breaks") && refused.getMessage().contains("Unsupported value: \"Unauthorized\"")
                    && refused.getMessage().contains("gives a dyn, where a bool is needed"), refused.getMessage());
            var both = new io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder().withNewMetadata()
                    .withName("both").endMetadata().withNewSpec().withPolicyName("p").withValidationActions("Deny", "Warn").endSpec().build();
            KubernetesClientException twice = assertThrows(KubernetesClientException.class, () -> api.client().resource(both).create());
            assertTrue(twice.getMessage().contains("Deny and Warn may not be used together"), twice.getMessage());
        } finally {
            api.close();
        }
    }
}
