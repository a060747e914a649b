package io.connectops.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.model.UserSpec;

/**
 * One Kafka cluster as read in bulk for a plan. A part that could not be read has its problem set and is
 * left alone by the planner (ACLs, users, claims each on their own: one failing part never blocks the others).
 *
 * @param topics        every topic name, internal ones included
 * @param shapes        partitions and replication factor of the declared topics that exist
 * @param configs       the dynamic configs of the declared topics that exist
 * @param acls          every ACL connectops can model, by principal (null when {@code aclProblem})
 * @param users         SCRAM users and their mechanisms (null when {@code userProblem})
 * @param claims        by resource id, for this cluster id or another (null when {@code claimsProblem})
 */
public record KafkaLive(String clusterId, Set<String> topics, Map<String, KafkaAdmin.TopicShape> shapes,
                        Map<String, Map<String, String>> configs, Map<String, Set<KafkaAdmin.AclEntry>> acls, String aclProblem,
                        Map<String, Set<UserSpec.Mechanism>> users, String userProblem, Map<String, List<ResourceClaims.Claim>> claims,
                        String claimsProblem) {
}
