package io.connectops.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;

import io.connectops.model.UserSpec;

/**
 * {@link KafkaAdmin} over Kafka's own Admin client. Every call has a deadline ({@link #TIMEOUT}, also
 * given to the client as its API timeout), bulk reads are one request each (topic configs in batches of
 * {@link #CONFIG_BATCH}), and a batched write answers per item.
 */
public final class AdminKafka implements KafkaAdmin {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int CONFIG_BATCH = 500;

    private final Admin admin;
    private final String bootstrapServers;
    private final AtomicLong requests = new AtomicLong();

    public AdminKafka(String bootstrapServers, Map<String, String> properties) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        config.putIfAbsent(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "2000");
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "connectops");
        this.admin = Admin.create(config);
    }

    /** Client properties that a KafkaCluster uses for every client connectops makes (the ownership topic too). */
    public static Map<String, Object> clientProperties(String bootstrapServers, Map<String, String> properties) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    @Override
    public void probe() {
        BootstrapProbe.check(bootstrapServers);
    }

    @Override
    public String clusterId() {
        requests.incrementAndGet();
        return get(admin.describeCluster().clusterId(), "reading the cluster id");
    }

    @Override
    public Set<String> listTopics() {
        requests.incrementAndGet();
        return new HashSet<>(get(admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names(),
                "listing topics"));
    }

    @Override
    public Map<String, TopicShape> describeTopics(Collection<String> names) {
        Map<String, TopicShape> shapes = new HashMap<>();
        if (names.isEmpty()) {
            return shapes;
        }
        requests.incrementAndGet();
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(TopicCollection.ofTopicNames(names)).topicNameValues();
        futures.forEach((name, future) -> {
            TopicDescription description = AdminFutures.getOrNull(future);
            if (description != null && !description.partitions().isEmpty()) {
                shapes.put(name, new TopicShape(description.partitions().size(), description.partitions().get(0).replicas().size()));
            }
        });
        return shapes;
    }

    @Override
    public Map<String, Map<String, String>> topicConfigs(Collection<String> names) {
        Map<String, Map<String, String>> configs = new HashMap<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += CONFIG_BATCH) {
            List<ConfigResource> batch = all.subList(from, Math.min(all.size(), from + CONFIG_BATCH)).stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            requests.incrementAndGet();
            Map<ConfigResource, KafkaFuture<Config>> futures = admin.describeConfigs(batch).values();
            futures.forEach((resource, future) -> {
                Config config = AdminFutures.getOrNull(future);
                if (config == null) {
                    return;
                }
                Map<String, String> dynamic = new HashMap<>();
                for (ConfigEntry entry : config.entries()) {
                    if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && entry.value() != null) {
                        dynamic.put(entry.name(), entry.value());
                    }
                }
                configs.put(resource.name(), dynamic);
            });
        }
        return configs;
    }

    @Override
    public List<AclEntry> describeAcls() {
        requests.incrementAndGet();
        Collection<AclBinding> bindings = get(admin.describeAcls(AclBindingFilter.ANY).values(), "reading ACLs");
        List<AclEntry> entries = new ArrayList<>();
        for (AclBinding binding : bindings) {
            AclEntry entry = AclBindings.fromBinding(binding);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    @Override
    public Map<String, Set<UserSpec.Mechanism>> scramUsers() {
        requests.incrementAndGet();
        Map<String, UserScramCredentialsDescription> descriptions = get(admin.describeUserScramCredentials().all(),
                "reading SCRAM users");
        Map<String, Set<UserSpec.Mechanism>> users = new HashMap<>();
        descriptions.forEach((user, description) -> {
            Set<UserSpec.Mechanism> mechanisms = new HashSet<>();
            for (ScramCredentialInfo info : description.credentialInfos()) {
                UserSpec.Mechanism mechanism = UserSpec.Mechanism.parse(info.mechanism().mechanismName());
                if (mechanism != null) {
                    mechanisms.add(mechanism);
                }
            }
            users.put(user, mechanisms);
        });
        return users;
    }

    @Override
    public Map<String, String> createTopics(List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        List<org.apache.kafka.clients.admin.NewTopic> requested = topics.stream().map(t -> new org.apache.kafka.clients.admin.NewTopic(
                t.name(), Optional.ofNullable(t.partitions()), Optional.ofNullable(t.replicationFactor()).map(Integer::shortValue))
                .configs(t.config())).toList();
        return AdminFutures.failures(admin.createTopics(requested).values());
    }

    @Override
    public Map<String, String> createPartitions(Map<String, Integer> totals) {
        if (totals.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        Map<String, NewPartitions> requested = new LinkedHashMap<>();
        totals.forEach((topic, total) -> requested.put(topic, NewPartitions.increaseTo(total)));
        return AdminFutures.failures(admin.createPartitions(requested).values());
    }

    @Override
    public Map<String, String> alterTopicConfigs(Map<String, Map<String, String>> changes) {
        if (changes.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        changes.forEach((topic, keys) -> {
            List<AlterConfigOp> list = new ArrayList<>();
            keys.forEach((key, value) -> list.add(value == null
                    ? new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE)
                    : new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), list);
        });
        Map<String, String> failed = new HashMap<>();
        AdminFutures.failures(admin.incrementalAlterConfigs(ops).values()).forEach((resource, why) -> failed.put(resource.name(), why));
        return failed;
    }

    @Override
    public Map<String, String> deleteTopics(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        return AdminFutures.failures(admin.deleteTopics(TopicCollection.ofTopicNames(topics)).topicNameValues());
    }

    @Override
    public Map<AclEntry, String> createAcls(Collection<AclEntry> acls) {
        if (acls.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        Map<AclBinding, AclEntry> byBinding = new LinkedHashMap<>();
        acls.forEach(acl -> byBinding.put(AclBindings.toBinding(acl), acl));
        Map<AclEntry, String> failed = new HashMap<>();
        AdminFutures.failures(admin.createAcls(byBinding.keySet()).values()).forEach((binding, why) -> failed.put(byBinding.get(binding), why));
        return failed;
    }

    @Override
    public Map<AclEntry, String> deleteAcls(Collection<AclEntry> acls) {
        if (acls.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        Map<AclBindingFilter, AclEntry> byFilter = new LinkedHashMap<>();
        acls.forEach(acl -> byFilter.put(AclBindings.toBinding(acl).toFilter(), acl));
        Map<AclEntry, String> failed = new HashMap<>();
        AdminFutures.failures(admin.deleteAcls(byFilter.keySet()).values()).forEach((filter, why) -> failed.put(byFilter.get(filter), why));
        return failed;
    }

    @Override
    public Map<String, String> upsertScram(List<ScramCredential> credentials) {
        if (credentials.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        for (ScramCredential credential : credentials) {
            alterations.add(new UserScramCredentialUpsertion(credential.user(),
                    new ScramCredentialInfo(scram(credential.mechanism()), credential.iterations()), credential.password()));
        }
        return AdminFutures.failures(admin.alterUserScramCredentials(alterations).values());
    }

    @Override
    public Map<String, String> deleteScram(Map<String, Set<UserSpec.Mechanism>> credentials) {
        if (credentials.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        credentials.forEach((user, mechanisms) -> mechanisms.forEach(m -> alterations.add(new UserScramCredentialDeletion(user, scram(m)))));
        return AdminFutures.failures(admin.alterUserScramCredentials(alterations).values());
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static ScramMechanism scram(UserSpec.Mechanism mechanism) {
        return ScramMechanism.fromMechanismName(mechanism.label());
    }

    @Override
    public <T> T read(String what, java.util.function.Function<Admin, KafkaFuture<T>> call) {
        requests.incrementAndGet();
        return get(call.apply(admin), what);
    }

    @Override
    public <K> Map<K, String> write(String what, java.util.function.Function<Admin, Map<K, KafkaFuture<Void>>> call) {
        Map<K, KafkaFuture<Void>> futures = call.apply(admin);
        if (futures.isEmpty()) {
            return Map.of();
        }
        requests.incrementAndGet();
        return AdminFutures.failures(futures);
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        return AdminFutures.get(future, what + " on " + bootstrapServers);
    }
}
