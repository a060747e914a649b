package io.connectops.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a topic about to be deleted holds: its records (end minus start offsets, summed over partitions) and the
 * consumer groups with an offset committed on it. Read for all the topics of one plan at once, in a constant number
 * of requests (describe, two offset lists, the groups, their offsets), each within the Admin deadline; at most
 * {@value #MAX_GROUPS} groups are looked at (then {@code groupsComplete} is false).
 *
 * @param records        records it holds now
 * @param groups         consumer groups with a committed offset on it, sorted
 * @param groupsComplete every group of the cluster was looked at
 */
public record TopicData(long records, List<String> groups, boolean groupsComplete) {
    static final int MAX_GROUPS = 1_000;

    public TopicData {
        groups = groups.stream().sorted().toList();
    }

    /** "holds 1,204 records, read by groups billing, audit" */
    public String describe() {
        return "holds " + String.format(java.util.Locale.ROOT, "%,d", records) + " record" + (records == 1 ? "" : "s")
                + (groups.isEmpty() ? (groupsComplete ? ", no consumer group" : "") : ", read by group" + (groups.size() == 1 ? " " : "s ")
                + String.join(", ", groups)) + (groupsComplete ? "" : " (only the first " + MAX_GROUPS + " groups looked at)");
    }

    public boolean empty() {
        return records == 0 && groups.isEmpty();
    }

    /** Reads it for {@code topics} (those that exist) through {@code admin}'s bounded reads. */
    public static Map<String, TopicData> read(KafkaAdmin admin, Collection<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> described = admin.read("describing topics", a -> a.describeTopics(topics).allTopicNames());
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p -> {
            earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
            latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.read("reading start offsets",
                a -> a.listOffsets(earliest).all());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.read("reading end offsets", a -> a.listOffsets(latest).all());
        Map<String, Long> records = new TreeMap<>();
        ends.forEach((partition, end) -> records.merge(partition.topic(),
                Math.max(0, end.offset() - (starts.containsKey(partition) ? starts.get(partition).offset() : 0)), Long::sum));
        Collection<ConsumerGroupListing> listed = admin.read("listing consumer groups", a -> a.listConsumerGroups().all());
        List<String> groupIds = listed.stream().map(ConsumerGroupListing::groupId).sorted().limit(MAX_GROUPS).toList();
        Map<String, Set<String>> readers = new HashMap<>();
        if (!groupIds.isEmpty()) {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groupIds.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.read("reading consumer group offsets",
                    a -> a.listConsumerGroupOffsets(specs).all());
            committed.forEach((group, offsets) -> offsets.keySet().forEach(p -> readers.computeIfAbsent(p.topic(), t -> new TreeSet<>())
                    .add(group)));
        }
        Map<String, TopicData> data = new TreeMap<>();
        for (String topic : described.keySet()) {
            data.put(topic, new TopicData(records.getOrDefault(topic, 0L), new ArrayList<>(readers.getOrDefault(topic, Set.of())),
                    listed.size() <= MAX_GROUPS));
        }
        return data;
    }
}
