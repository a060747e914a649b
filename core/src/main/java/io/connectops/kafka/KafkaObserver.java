package io.connectops.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.connectops.model.Targets;
import io.connectops.model.TopicSpec;

/**
 * Reads what a plan of one Kafka cluster needs, in a constant number of requests whatever the number of
 * resources: cluster id, topic names, shapes and configs of the declared topics (configs in batches), all
 * ACLs, all SCRAM users, the claims (those three at the same time as the topics). Cluster id and topic
 * names failing means the cluster is unreachable (thrown); ACLs, users and claims failing is recorded per part.
 */
public final class KafkaObserver {
    private KafkaObserver() {
    }

    public static KafkaLive read(Targets.KafkaTarget target, KafkaAdmin admin, ResourceClaims claims) {
        admin.probe(); // nothing listening: one line now, not 30 s of client retries
        // The claim record (a consumer), the ACLs and the users do not depend on the topics: read them meanwhile.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3, r -> {
            Thread thread = new Thread(r, "connectops-kafka-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            java.util.concurrent.Future<List<ResourceClaims.Claim>> claimsRead = pool.submit(claims::read);
            java.util.concurrent.Future<List<KafkaAdmin.AclEntry>> aclsRead = pool.submit(admin::describeAcls);
            java.util.concurrent.Future<Map<String, Set<io.connectops.model.UserSpec.Mechanism>>> usersRead = pool.submit(admin::scramUsers);
            String clusterId = admin.clusterId();
            Set<String> topics = admin.listTopics();
            List<String> declaredLive = target.topics().stream().map(TopicSpec::name).filter(topics::contains).toList();
            Map<String, KafkaAdmin.TopicShape> shapes = declaredLive.isEmpty() ? Map.of() : admin.describeTopics(declaredLive);
            Map<String, Map<String, String>> configs = declaredLive.isEmpty() ? Map.of() : admin.topicConfigs(declaredLive);
            Map<String, List<ResourceClaims.Claim>> claimed = null;
            String claimsProblem = null;
            try {
                claimed = new HashMap<>();
                for (ResourceClaims.Claim claim : claimsRead.get()) {
                    claimed.computeIfAbsent(claim.resource(), k -> new ArrayList<>()).add(claim);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                claimed = null;
                claimsProblem = "the ownership record (" + claims.describe() + ") cannot be read: " + e.getCause().getMessage();
            }
            Map<String, Set<KafkaAdmin.AclEntry>> acls = null;
            String aclProblem = null;
            try {
                acls = new HashMap<>();
                for (KafkaAdmin.AclEntry entry : aclsRead.get()) {
                    acls.computeIfAbsent(entry.principal(), k -> new LinkedHashSet<>()).add(entry);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                acls = null;
                aclProblem = "ACLs cannot be read: " + e.getCause().getMessage();
            }
            Map<String, Set<io.connectops.model.UserSpec.Mechanism>> users = null;
            String userProblem = null;
            try {
                users = usersRead.get();
            } catch (java.util.concurrent.ExecutionException e) {
                userProblem = "SCRAM users cannot be read: " + e.getCause().getMessage();
            }
            return new KafkaLive(clusterId, new TreeSet<>(topics), shapes, configs, acls, aclProblem, users, userProblem, claimed,
                    claimsProblem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while reading " + target.name(), e);
        } finally {
            // Each read has its own deadline; nothing here outlives them.
            pool.shutdownNow();
        }
    }
}
