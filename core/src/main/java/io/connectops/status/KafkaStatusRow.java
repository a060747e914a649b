package io.connectops.status;

/**
 * One declared (or connectops-owned) Kafka resource, of any Kafka kind: what the plan of its cluster says about it.
 *
 * @param sync Synced, OutOfSync (differs, or a change Kafka cannot make), Missing, or NotDeclared
 */
public record KafkaStatusRow(String cluster, String resource, String owner, String sync, String detail) {
}
