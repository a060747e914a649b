package io.connectops.devstack.junit;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** What tests ask of a topic. */
public final class Records {
    private Records() {
    }

    /** The records written to partition 0 of {@code topic} (its end offset), 0 while the topic does not exist. */
    public static long inFirstPartition(Admin admin, String topic) {
        try {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(partition).offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offset of " + topic + ": " + e.getMessage(), e);
        }
    }
}
