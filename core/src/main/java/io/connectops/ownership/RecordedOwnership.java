package io.connectops.ownership;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;

/**
 * Ownership kept outside the connectors (a Kafka topic or a file), for connectors whose plugins reject
 * unknown config keys. Every claim is bound to the Kafka cluster id Connect reports on {@code GET /}
 * (one call per read): a claim recorded for another cluster of the same name, or before claims were
 * bound, makes the connector's ownership unknown, never "ours".
 */
public final class RecordedOwnership implements OwnershipStore {
    /**
     * A claim for a connector that is not live is stale (deleted by hand) once it is this old, and is
     * released at the next apply: a later hand-made connector of that name must not look like ours.
     * Younger ones are kept: a concurrent run may have just created the connector after our read.
     */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(5);

    private final ClaimLog log;
    private final String cluster;

    RecordedOwnership(ClaimLog log, String cluster) {
        this.log = log;
        this.cluster = cluster;
    }

    public static RecordedOwnership file(java.nio.file.Path file, String cluster) {
        return new RecordedOwnership(new FileClaimLog(file), cluster);
    }

    /** Claims in a Kafka topic; {@code writers}: who besides connectops may use it (see {@link io.connectops.kafka.ClaimWriters}). */
    public static RecordedOwnership kafka(String bootstrapServers, String topic, Map<String, String> properties, java.util.Set<String> writers,
                                          String cluster) {
        return new RecordedOwnership(new KafkaClaimLog(bootstrapServers, topic, properties, writers), cluster);
    }

    /** The cluster's identity as Connect reports it. */
    static String kafkaClusterId(ConnectApi client) {
        String id = client.serverInfo().path("kafka_cluster_id").asText("");
        if (id.isBlank()) {
            throw new OwnershipException("the Connect cluster did not report its Kafka cluster id on GET /");
        }
        return id;
    }

    @Override
    public Ownership read(LiveState live, ConnectApi client) {
        String id;
        List<ClaimLog.Claim> claims;
        try {
            id = kafkaClusterId(client);
            claims = log.read(cluster);
        } catch (RuntimeException e) {
            String problem = "the ownership record (" + log.describe() + ") cannot be read: " + e.getMessage();
            Map<String, Owner> owners = new HashMap<>();
            live.connectors().keySet().forEach(name -> owners.put(name, Owner.unknown(problem)));
            return new Ownership(owners, Owner.unknown(problem), problem, Map.of(), java.util.Set.of());
        }
        Map<String, Owner> byName = ownersFrom(claims, id);
        java.time.Instant staleBefore = java.time.Instant.now().minus(STALE_AFTER);
        java.util.Set<String> stale = new java.util.TreeSet<>();
        for (ClaimLog.Claim claim : claims) {
            if (id.equals(claim.kafkaClusterId()) && !live.connectors().containsKey(claim.connector())
                    && !live.unreadable().containsKey(claim.connector())
                    && (claim.claimedAt() == null || claim.claimedAt().isBefore(staleBefore))) {
                stale.add(claim.connector());
            }
        }
        Map<String, Owner> owners = new HashMap<>();
        boolean unknown = false;
        for (String name : live.connectors().keySet()) {
            // A connector marked by a connectops that keeps its record in the configs belongs to that one: left alone.
            String marker = live.connectors().get(name).config().get(io.connectops.model.ConnectorSpec.OWNER_KEY);
            Owner owner = marker != null ? Owner.other(marker) : byName.getOrDefault(name, Owner.NONE);
            unknown |= owner.kind() == Owner.Kind.UNKNOWN;
            owners.put(name, owner);
        }
        String problem = unknown ? "some records in " + log.describe() + " were made for another cluster named '" + cluster
                + "' or before records were bound to a cluster" : null;
        return new Ownership(owners, Owner.NONE, problem, Map.of(), stale);
    }

    private Map<String, Owner> ownersFrom(List<ClaimLog.Claim> claims, String id) {
        Map<String, Owner> byName = new HashMap<>();
        for (ClaimLog.Claim claim : claims) {
            if (id.equals(claim.kafkaClusterId())) {
                byName.put(claim.connector(), Owner.CONNECTOPS);
            } else {
                String why = claim.kafkaClusterId() == null
                        ? "recorded in " + log.describe() + " before records were bound to a cluster id: 'connectops adopt' confirms it"
                        : "recorded in " + log.describe() + " for another cluster named '" + cluster + "' (Kafka cluster id "
                        + claim.kafkaClusterId() + ", this one is " + id + "): give the clusters distinct names";
                byName.putIfAbsent(claim.connector(), Owner.unknown(why));
            }
        }
        return byName;
    }

    @Override
    public Owner check(String connector, ConnectApi client) {
        String id = kafkaClusterId(client);
        return ownersFrom(log.read(cluster), id).getOrDefault(connector, Owner.NONE);
    }

    @Override
    public void recordCreated(Collection<String> connectors, ConnectApi client) {
        if (!connectors.isEmpty()) {
            log.write(cluster, kafkaClusterId(client), connectors, true);
        }
    }

    @Override
    public void recordDeleted(Collection<String> connectors, ConnectApi client) {
        if (!connectors.isEmpty()) {
            log.write(cluster, kafkaClusterId(client), connectors, false);
        }
    }

    @Override
    public void adopt(Collection<LiveConnector> connectors, ConnectApi client) {
        recordCreated(connectors.stream().map(LiveConnector::name).toList(), client);
    }

    @Override
    public String describe() {
        return log.describe();
    }

    @Override
    public void close() {
        try {
            log.close();
        } catch (Exception e) {
            // nothing held that outlives the process
        }
    }
}
