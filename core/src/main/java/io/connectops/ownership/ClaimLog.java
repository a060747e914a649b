package io.connectops.ownership;

import java.util.Collection;
import java.util.List;

/**
 * Where {@link RecordedOwnership} keeps its claims: a compacted Kafka topic or a JSON file. A claim
 * names the Connect cluster by its declared name and by the Kafka cluster id Connect reports, so a
 * claim made for one cluster is never read as one for another that happens to share the name.
 */
interface ClaimLog extends AutoCloseable {
    /**
     * One claim.
     *
     * @param kafkaClusterId the id {@code GET /} reported when it was made, or null for a record written
     *                       before claims were bound to an id (never trusted for deletion)
     * @param claimedAt      when it was made, or null when not known
     */
    record Claim(String kafkaClusterId, String connector, java.time.Instant claimedAt) {
    }

    /** Every claim made under {@code cluster}, for any Kafka cluster id. */
    List<Claim> read(String cluster);

    /** Adds ({@code claim}) or removes claims; concurrent writers lose none. */
    void write(String cluster, String kafkaClusterId, Collection<String> connectors, boolean claim);

    String describe();

    @Override
    default void close() {
    }
}
