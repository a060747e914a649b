package io.connectops.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One committed offset of a connector, as Kafka Connect's REST API gives it: for a source connector a
 * connector-defined partition and offset (FileStream: {@code {filename}} and {@code {position}}); for a sink
 * {@code {kafka_topic, kafka_partition}} and {@code {kafka_offset}}.
 *
 * @param offset null to reset this partition alone (in a change)
 */
public record ConnectorOffset(Map<String, Object> partition, Map<String, Object> offset) {
    public ConnectorOffset {
        partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition));
        offset = offset == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(offset));
    }
}
