package io.connectops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two teams in one repository on the real broker: each applies and prunes only its own topics; a team that declares
 * outside its prefixes, or grants itself another team's topic, is refused with nothing written; `teams` lists them.
 */
@ExtendWith(DevStackExtension.class)
class TeamsCliTest {
    Path repo;

    void write(String file, String text) throws Exception {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    static Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String topics(String... names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            text.append("apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: ").append(name).append("}\nspec: {partitions: 1}\n---\n");
        }
        return text.toString();
    }

    @Test
    void twoTeamsApplyAndPruneIndependentlyAndNeitherReachesTheOthers(DevStack stack, @TempDir Path tmp) throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git")); // the repository the team paths are relative to
        String run = "t" + UUID.randomUUID().toString().substring(0, 6);
        String orders = run + "-orders.";
        String payments = run + "-payments.";
        write("platform/platform.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: dev}
                spec: {bootstrapServers: "%s", ownership: {owner: %s-platform}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Team
                metadata: {name: orders}
                spec: {paths: [teams/orders/], owns: {topics: ["%s"], groups: ["%s"], principals: ["User:%s-orders-"]}}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: Team
                metadata: {name: payments}
                spec: {paths: [teams/payments/], owns: {topics: ["%s"], principals: ["User:%s-payments-"]}}
                """.formatted(stack.bootstrapServers(), run, orders, orders, run, payments, run));
        write("teams/orders/topics.yaml", topics(orders + "a", orders + "b"));
        write("teams/payments/topics.yaml", topics(payments + "a", payments + "b"));
        CliTest.Run all = CliTest.run("apply", "-f", repo.toString());
        assertEquals(0, all.code(), all.out() + all.err());

        CliTest.Run listed = CliTest.run("teams", "-f", repo.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("orders  (") && listed.out().contains("declares:   2 Topics"), listed.out());

        // Each team removes a topic; orders prunes with its own directory: payments' topics stay.
        write("teams/orders/topics.yaml", topics(orders + "a"));
        write("teams/payments/topics.yaml", topics(payments + "a"));
        CliTest.Run ordersPrune = CliTest.run("apply", "-f", repo.resolve("teams/orders").toString(), "-f",
                repo.resolve("platform").toString(), "--prune", "--force");
        assertEquals(0, ordersPrune.code(), ordersPrune.out() + ordersPrune.err());
        try (Admin admin = Admin.create(stack.clientConfig())) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertFalse(topics.contains(orders + "b"), "orders pruned its own topic");
            assertTrue(topics.contains(payments + "b"), "and left payments' one");

            CliTest.Run paymentsPrune = CliTest.run("apply", "-f", repo.resolve("teams/payments").toString(), "-f",
                    repo.resolve("platform").toString(), "--prune", "--force");
            assertEquals(0, paymentsPrune.code(), paymentsPrune.out() + paymentsPrune.err());
            io.connectops.devstack.junit.Await.until("payments.b deleted", java.time.Duration.ofSeconds(20), () -> !topics(admin).contains(payments + "b"));
            assertTrue(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(orders + "a"));

            // Outside its prefixes, and an ACL on the other team's topic: refused, nothing written.
            write("teams/orders/grab.yaml", topics(payments + "c") + """
                    apiVersion: connectops.io/v1alpha1
                    kind: Acl
                    metadata: {name: app}
                    spec:
                      principal: User:%s-orders-app
                      rules: [{resource: topic, name: "%s", patternType: prefixed, operations: [read]}]
                    """.formatted(run, payments));
            CliTest.Run grab = CliTest.run("apply", "-f", repo.toString());
            assertEquals(1, grab.code(), grab.out() + grab.err());
            assertTrue(grab.err().contains("Topic " + payments + "c is declared by team 'orders'")
                    && grab.err().contains("grants read on topic '" + payments + "' (prefixed), which is not the team's"), grab.err());
            assertFalse(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(payments + "c"), "nothing written");
        }
    }
}
