package io.connectops.kinds;

import java.util.List;

import io.connectops.kinds.quota.ClientQuotas;
import io.connectops.load.DocumentReader;

/** The kinds added as plug-ins: one line each (docs/architecture.md, "Adding a kind"). */
public final class Kinds {
    /** Kafka kinds beside topics, ACL sets and users. */
    public static final List<KafkaKind> KAFKA = List.of(new ClientQuotas());

    private Kinds() {
    }

    /** Every plug-in kind's readers, for the loader. */
    public static List<DocumentReader> readers() {
        return KAFKA.stream().flatMap(kind -> kind.readers().stream()).toList();
    }
}
