package io.connectops.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.KafkaAdminException;
import io.connectops.kafka.ResourceClaims;
import io.connectops.model.UserSpec;

/**
 * A Kafka cluster in memory, for millisecond tests of rules (batching, isolation, ownership, protection):
 * topics with partitions and dynamic configs, ACLs, SCRAM users, a claim record, a log of every write
 * and failures on demand. Behaviour against a real broker is tested on the embedded SCRAM stack.
 */
public final class InMemoryKafka implements KafkaAdmin {
    public record Topic(int partitions, int replicationFactor, Map<String, String> config) {
    }

    private final String clusterId;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Set<AclEntry> acls = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<UserSpec.Mechanism, String>> users = new ConcurrentHashMap<>();
    private final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();
    private final List<String> requestLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failing = item -> false;
    private volatile String aclsUnreadable;
    public final Claims claims = new Claims();
    /** What a topic holds, as a test sets it (records, groups); a topic not here is empty. */
    public final Map<String, io.connectops.kafka.TopicData> data = new ConcurrentHashMap<>();

    public InMemoryKafka(String clusterId) {
        this.clusterId = clusterId;
    }

    /** Every later write of an item whose "OP name" matches fails (e.g. "createTopic bad"). */
    public void fail(Predicate<String> item) {
        failing = item;
    }

    /** describeAcls fails with this message (null: it works). */
    public void aclsUnreadable(String why) {
        aclsUnreadable = why;
    }

    /** Every request by its Admin API name, in order. */
    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    private void request(String api) {
        requests.incrementAndGet();
        requestLog.add(api);
    }

    public List<String> writes() {
        return List.copyOf(writes);
    }

    public void addTopic(String name, int partitions, Map<String, String> config) {
        topics.put(name, new Topic(partitions, 1, new HashMap<>(config)));
    }

    public void addAcl(AclEntry entry) {
        acls.add(entry);
    }

    public void addUser(String user, UserSpec.Mechanism mechanism, String password) {
        users.computeIfAbsent(user, k -> new ConcurrentHashMap<>()).put(mechanism, password);
    }

    public Topic topic(String name) {
        return topics.get(name);
    }

    public Set<AclEntry> acls(String principal) {
        Set<AclEntry> result = new HashSet<>();
        acls.stream().filter(a -> a.principal().equals(principal)).forEach(result::add);
        return result;
    }

    public String password(String user, UserSpec.Mechanism mechanism) {
        return users.getOrDefault(user, Map.of()).get(mechanism);
    }

    private boolean failed(String item, Map<String, String> failures, String key) {
        writes.add(item);
        if (failing.test(item)) {
            failures.put(key, "refused (test)");
            return true;
        }
        return false;
    }

    @Override
    public String clusterId() {
        request("clusterId");
        return clusterId;
    }

    @Override
    public Map<String, io.connectops.kafka.TopicData> topicData(java.util.Collection<String> names) {
        request("topicData");
        Map<String, io.connectops.kafka.TopicData> held = new java.util.TreeMap<>();
        names.stream().filter(topics::containsKey).forEach(t -> held.put(t, data.getOrDefault(t, new io.connectops.kafka.TopicData(0, List.of(), true))));
        return held;
    }

    @Override
    public Set<String> listTopics() {
        request("listTopics");
        return new HashSet<>(topics.keySet());
    }

    @Override
    public Map<String, TopicShape> describeTopics(Collection<String> names) {
        request("describeTopics");
        Map<String, TopicShape> shapes = new HashMap<>();
        names.forEach(n -> {
            Topic t = topics.get(n);
            if (t != null) {
                shapes.put(n, new TopicShape(t.partitions(), t.replicationFactor()));
            }
        });
        return shapes;
    }

    @Override
    public Map<String, Map<String, String>> topicConfigs(Collection<String> names) {
        Map<String, Map<String, String>> configs = new HashMap<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += 500) {
            request("topicConfigs"); // batched like the real one
            all.subList(from, Math.min(all.size(), from + 500)).forEach(n -> {
                Topic t = topics.get(n);
                if (t != null) {
                    configs.put(n, new HashMap<>(t.config()));
                }
            });
        }
        return configs;
    }

    @Override
    public List<AclEntry> describeAcls() {
        request("describeAcls");
        if (aclsUnreadable != null) {
            throw new KafkaAdminException(aclsUnreadable);
        }
        return new ArrayList<>(acls);
    }

    @Override
    public Map<String, Set<UserSpec.Mechanism>> scramUsers() {
        request("scramUsers");
        Map<String, Set<UserSpec.Mechanism>> result = new HashMap<>();
        users.forEach((u, m) -> result.put(u, new HashSet<>(m.keySet())));
        return result;
    }

    @Override
    public Map<String, String> createTopics(List<NewTopic> requested) {
        Map<String, String> failures = new HashMap<>();
        if (requested.isEmpty()) {
            return failures;
        }
        request("createTopics");
        for (NewTopic t : requested) {
            if (!failed("createTopic " + t.name(), failures, t.name())) {
                topics.put(t.name(), new Topic(t.partitions() == null ? 1 : t.partitions(),
                        t.replicationFactor() == null ? 1 : t.replicationFactor(), new HashMap<>(t.config())));
            }
        }
        return failures;
    }

    @Override
    public Map<String, String> createPartitions(Map<String, Integer> totals) {
        Map<String, String> failures = new HashMap<>();
        if (totals.isEmpty()) {
            return failures;
        }
        request("createPartitions");
        totals.forEach((name, total) -> {
            if (!failed("createPartitions " + name, failures, name)) {
                Topic t = topics.get(name);
                topics.put(name, new Topic(total, t.replicationFactor(), t.config()));
            }
        });
        return failures;
    }

    @Override
    public Map<String, String> alterTopicConfigs(Map<String, Map<String, String>> changes) {
        Map<String, String> failures = new HashMap<>();
        if (changes.isEmpty()) {
            return failures;
        }
        request("alterTopicConfigs");
        changes.forEach((name, keys) -> {
            if (!failed("alterConfigs " + name, failures, name)) {
                Map<String, String> config = topics.get(name).config();
                keys.forEach((k, v) -> {
                    if (v == null) {
                        config.remove(k);
                    } else {
                        config.put(k, v);
                    }
                });
            }
        });
        return failures;
    }

    @Override
    public Map<String, String> deleteTopics(Collection<String> names) {
        Map<String, String> failures = new HashMap<>();
        if (names.isEmpty()) {
            return failures;
        }
        request("deleteTopics");
        names.forEach(n -> {
            if (!failed("deleteTopic " + n, failures, n)) {
                topics.remove(n);
            }
        });
        return failures;
    }

    @Override
    public Map<AclEntry, String> createAcls(Collection<AclEntry> entries) {
        Map<AclEntry, String> failures = new HashMap<>();
        if (entries.isEmpty()) {
            return failures;
        }
        request("createAcls");
        entries.forEach(e -> {
            writes.add("createAcl " + e);
            if (failing.test("createAcl " + e.principal())) {
                failures.put(e, "refused (test)");
            } else {
                acls.add(e);
            }
        });
        return failures;
    }

    @Override
    public Map<AclEntry, String> deleteAcls(Collection<AclEntry> entries) {
        Map<AclEntry, String> failures = new HashMap<>();
        if (entries.isEmpty()) {
            return failures;
        }
        request("deleteAcls");
        entries.forEach(e -> {
            writes.add("deleteAcl " + e);
            acls.remove(e);
        });
        return failures;
    }

    @Override
    public Map<String, String> upsertScram(List<ScramCredential> credentials) {
        Map<String, String> failures = new HashMap<>();
        if (credentials.isEmpty()) {
            return failures;
        }
        request("upsertScram");
        credentials.forEach(c -> {
            if (!failed("upsertScram " + c.user(), failures, c.user())) {
                addUser(c.user(), c.mechanism(), c.password());
            }
        });
        return failures;
    }

    @Override
    public Map<String, String> deleteScram(Map<String, Set<UserSpec.Mechanism>> credentials) {
        Map<String, String> failures = new HashMap<>();
        if (credentials.isEmpty()) {
            return failures;
        }
        request("deleteScram");
        credentials.forEach((user, mechanisms) -> {
            if (!failed("deleteScram " + user, failures, user)) {
                users.remove(user);
            }
        });
        return failures;
    }

    @Override
    public <T> T read(String what, java.util.function.Function<org.apache.kafka.clients.admin.Admin, org.apache.kafka.common.KafkaFuture<T>> call) {
        throw new UnsupportedOperationException("not in memory: " + what + " (plug-in kinds are tested on the embedded broker)");
    }

    @Override
    public <K> Map<K, String> write(String what,
                                    java.util.function.Function<org.apache.kafka.clients.admin.Admin, Map<K, org.apache.kafka.common.KafkaFuture<Void>>> call) {
        throw new UnsupportedOperationException("not in memory: " + what + " (plug-in kinds are tested on the embedded broker)");
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
    }

    /** The claim record in memory; can be made unreadable. */
    public static final class Claims implements ResourceClaims {
        private final Map<List<String>, Claim> claims = new ConcurrentHashMap<>();
        private volatile String unreadable;

        public void unreadable(String why) {
            unreadable = why;
        }

        public Set<String> resources() {
            Set<String> result = new LinkedHashSet<>();
            new TreeMap<>(java.util.Map.copyOf(claims.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k.get(1), k -> k,
                    (a, b) -> a)))).keySet().forEach(result::add);
            return result;
        }

        @Override
        public List<Claim> read() {
            if (unreadable != null) {
                throw new KafkaAdminException(unreadable);
            }
            return new ArrayList<>(claims.values());
        }

        @Override
        public void write(Collection<Claim> written) {
            written.forEach(c -> claims.put(List.of(c.kafkaClusterId(), c.resource()), c));
        }

        @Override
        public void release(String kafkaClusterId, Collection<String> resources) {
            resources.forEach(r -> claims.remove(List.of(kafkaClusterId, r)));
        }

        @Override
        public String describe() {
            return "claims in memory";
        }
    }
}
