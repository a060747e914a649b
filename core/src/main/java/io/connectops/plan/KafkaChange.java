package io.connectops.plan;

import java.util.List;

import io.connectops.ownership.Owner;

/**
 * The plan for one Kafka resource: a topic, the ACL set of one principal, or a SCRAM user.
 *
 * @param kind          Topic, Acl or User
 * @param keyChanges    what may be shown (partitions, config keys, ACL lines, "password")
 * @param write         what to send (null when nothing is written); never printed
 * @param claim         whether a successful write makes the resource connectops' own (recorded after it)
 * @param contentDigest a digest of the write in which secret values do not appear; null when nothing is written
 */
public record KafkaChange(String kind, String name, Action action, List<KeyChange> keyChanges, Owner owner, String source,
                          String note, KafkaWrite write, boolean claim, String contentDigest) {
    public KafkaChange {
        keyChanges = List.copyOf(keyChanges);
    }

    /** "topic/orders", "acl/User:app", "user/app": the id claims use. */
    public String resource() {
        return kind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }

    static KafkaChange untouched(String kind, String name, Owner owner, String source, String note) {
        return new KafkaChange(kind, name, Action.NONE, List.of(), owner, source, note, null, false, null);
    }
}
