package io.connectops.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.model.AclSpec;
import io.connectops.model.UserSpec;

/**
 * The Kafka Admin API as the stages use it: bulk reads (a constant number of requests whatever the
 * number of resources) and batched writes that report each item's failure instead of throwing, so one
 * bad topic never blocks the others. {@link AdminKafka} is the real one; tests also use an in-memory fake.
 */
public interface KafkaAdmin extends AutoCloseable {
    /** The cluster's id (claims are bound to it). Throws when the cluster cannot be reached. */
    String clusterId();

    /** Every topic name, internal ones included. */
    Set<String> listTopics();

    /** Partition count and replication factor of each named topic that exists. */
    Map<String, TopicShape> describeTopics(Collection<String> names);

    /** The topic-level (dynamic) configs of each named topic: what was set on it, not the broker defaults. */
    Map<String, Map<String, String>> topicConfigs(Collection<String> names);

    /** Every ACL of the cluster. */
    List<AclEntry> describeAcls();

    /** Every SCRAM user and the mechanisms it has a credential for. */
    Map<String, Set<UserSpec.Mechanism>> scramUsers();

    /** Creates topics; the answer maps a topic that failed to why. */
    Map<String, String> createTopics(List<NewTopic> topics);

    /** Raises partition counts; failures by topic. */
    Map<String, String> createPartitions(Map<String, Integer> totals);

    /** Sets ({@code value} non-null) and removes (null: back to the default) topic configs; failures by topic. */
    Map<String, String> alterTopicConfigs(Map<String, Map<String, String>> changes);

    Map<String, String> deleteTopics(Collection<String> topics);

    /** Creates ACLs; failures by ACL. */
    Map<AclEntry, String> createAcls(Collection<AclEntry> acls);

    /** Deletes exactly these ACLs (matched literally, never as patterns); failures by ACL. */
    Map<AclEntry, String> deleteAcls(Collection<AclEntry> acls);

    /** Sets SCRAM credentials; failures by user. Passwords are never part of an error. */
    Map<String, String> upsertScram(List<ScramCredential> credentials);

    Map<String, String> deleteScram(Map<String, Set<UserSpec.Mechanism>> credentials);

    /**
     * One bulk read of a kind added as a plug-in (client quotas): {@code call} sends it with Kafka's Admin client, and
     * its answer is awaited here, within the same deadline as every other request, and counted.
     *
     * @throws KafkaAdminException when it fails or does not answer in time
     */
    <T> T read(String what, java.util.function.Function<org.apache.kafka.clients.admin.Admin, org.apache.kafka.common.KafkaFuture<T>> call);

    /** One batched write of a kind added as a plug-in; the answer maps each item that failed to why. */
    <K> Map<K, String> write(String what,
                             java.util.function.Function<org.apache.kafka.clients.admin.Admin, Map<K, org.apache.kafka.common.KafkaFuture<Void>>> call);

    /**
     * What each of {@code topics} holds (records, consumer groups), for the topics a plan would delete: a constant
     * number of bounded reads whatever their number.
     */
    default Map<String, TopicData> topicData(Collection<String> topics) {
        return TopicData.read(this, topics);
    }

    /** Fails at once, saying why, when no bootstrap server accepts a connection (nothing listens there). */
    default void probe() {
    }

    /** Admin requests made so far (each bulk read or batched write counts its requests). */
    long requests();

    @Override
    void close();

    record TopicShape(int partitions, int replicationFactor) {
    }

    record NewTopic(String name, Integer partitions, Integer replicationFactor, Map<String, String> config) {
    }

    /** One ACL of one principal. */
    record AclEntry(String principal, AclSpec.Rule rule) {
        public AclEntry {
            rule = rule.withoutSource();
        }

        @Override
        public String toString() {
            return principal + ": " + rule.key();
        }
    }

    record ScramCredential(String user, UserSpec.Mechanism mechanism, int iterations, String password) {
        @Override
        public String toString() {
            return "ScramCredential[" + user + " " + mechanism.label() + ", password (sensitive)]";
        }
    }
}
