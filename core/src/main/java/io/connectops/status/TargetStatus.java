package io.connectops.status;

import java.util.List;

import io.connectops.plan.TargetKind;

/**
 * What {@code status} shows of one target: its rows (of the kind's own shape: {@link ConnectorStatusRow} for a Connect
 * cluster, {@link KafkaStatusRow} for a Kafka cluster) and why it could not be read, when it could not.
 *
 * @param address where it was read (its URLs, its bootstrap servers)
 */
public record TargetStatus(TargetKind kind, String name, String address, List<?> rows, List<String> errors) {
    public TargetStatus {
        rows = List.copyOf(rows);
        errors = List.copyOf(errors);
    }
}
