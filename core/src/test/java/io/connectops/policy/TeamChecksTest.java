package io.connectops.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.connectops.model.InvalidInputException;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.VariableFiles;
import io.connectops.secrets.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a team may declare, on files in a repository, offline (as validate, plan, apply and sync check it). */
class TeamChecksTest {
    @TempDir
    Path repo;

    static final String PLATFORM = """
            apiVersion: connectops.io/v1alpha1
            kind: KafkaCluster
            metadata: {name: main}
            spec: {bootstrapServers: "localhost:9092"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: KafkaCluster
            metadata: {name: other}
            spec: {bootstrapServers: "localhost:9093"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: Team
            metadata: {name: orders}
            spec:
              paths: [teams/orders/]
              owns: {topics: [orders.], connectors: [orders-], groups: [orders-], principals: ["User:orders-"]}
              clusters: [main]
            """;

    Pipeline.Result run() {
        return Pipeline.run(new Pipeline.Request(List.of(repo.toString()), InputStream.nullInputStream(),
                VariableFiles.Sources.environmentOnly(Map.of()), null, false).withTeamRoot(repo), new Redactor());
    }

    void write(String file, String text) throws Exception {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    static String topic(String name, String cluster) {
        return "apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: " + name + "}\nspec: {cluster: " + cluster + ", partitions: 1}\n---\n";
    }

    @Test
    void aTeamDeclaresOnlyUnderItsPrefixesOnItsClustersAndGrantsOnlyOnItsOwn() throws Exception {
        write("platform/platform.yaml", PLATFORM);
        write("teams/orders/topics.yaml", topic("orders.created", "main") + topic("payments.settled", "main") + topic("orders.elsewhere", "other"));
        write("teams/orders/acls.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: Acl
                metadata: {name: app}
                spec:
                  cluster: main
                  principal: User:orders-app
                  rules:
                    - {resource: topic, name: orders., patternType: prefixed, operations: [read, write]}
                    - {resource: group, name: orders-app, operations: [read]}
                    - {resource: topic, name: payments., patternType: prefixed, operations: [read]}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Acl
                metadata: {name: thief}
                spec:
                  cluster: main
                  principal: User:payments-app
                  rules: [{resource: topic, name: orders.created, operations: [read]}]
                ---
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: mine}
                spec: {bootstrapServers: "localhost:9094"}
                """);
        String message = assertThrows(InvalidInputException.class, this::run).getMessage();
        assertTrue(message.contains("teams/orders/topics.yaml:13:") && message.contains("Topic payments.settled is declared by team 'orders'")
                && message.contains("topic names must start with 'orders.'"), message);
        assertTrue(message.contains("Topic orders.elsewhere") && message.contains("cluster 'other' is not one of the team's (main)"), message);
        assertTrue(message.contains("Acl User:orders-app") && message.contains("grants read on topic 'payments.' (prefixed), which is not the team's")
                && !message.contains("on group 'orders-app'"), message);
        assertTrue(message.contains("Acl User:payments-app") && message.contains("principal names must start with 'User:orders-'"), message);
        assertTrue(message.contains("KafkaCluster mine is declared in team 'orders''s directory"), message);
        assertFalse(message.contains("orders.created is declared"), "a topic under its prefix passes: " + message);
    }

    @Test
    void outsideTheTeamPathsThePlatformDeclaresWhatItLikesAndAGoodTeamPasses() throws Exception {
        write("platform/platform.yaml", PLATFORM + "---\n" + topic("payments.settled", "other"));
        write("teams/orders/topics.yaml", topic("orders.created", "main"));
        run();
    }

    @Test
    void aPolicyMayMatchTeams() throws Exception {
        write("platform/platform.yaml", PLATFORM + """
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: small-teams}
                spec:
                  match: {kinds: [Topic], teams: [orders]}
                  validations: [{expression: "object.spec.partitions <= 1", message: "a team's topics have one partition"}]
                ---
                """ + topic("platform.big", "main").replace("partitions: 1", "partitions: 6"));
        write("teams/orders/topics.yaml", topic("orders.big", "main").replace("partitions: 1", "partitions: 6"));
        String message = assertThrows(InvalidInputException.class, this::run).getMessage();
        assertTrue(message.contains("Topic orders.big violates policy 'small-teams'") && !message.contains("platform.big"), message);
    }
}
