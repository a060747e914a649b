package io.connectops.ownership;

import java.util.Collection;

import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;

/**
 * connectops' record of which connectors it owns on one Connect cluster. Only owned connectors are
 * ever deleted; a connector someone else made is never touched by prune. See docs/ownership.md.
 *
 * <p>Two kinds: {@link MarkerOwnership} (the default) keeps the record in each connector's own config,
 * so it lives with the cluster; {@link RecordedOwnership} keeps it in a Kafka topic or a file, bound to
 * the cluster's identity.
 */
public interface OwnershipStore extends AutoCloseable {
    /**
     * Who owns each connector of {@code live}. Never throws: what cannot be established is
     * {@link Owner.Kind#UNKNOWN} with the reason in {@link Ownership#problem()}.
     */
    Ownership read(LiveState live, ConnectApi client);

    /** Who owns one connector right now (one or two calls): for delete, and a create that met "already exists". */
    Owner check(String connector, ConnectApi client);

    /** Records connectors just created (after the create succeeded: a failed create leaves no claim). */
    void recordCreated(Collection<String> connectors, ConnectApi client);

    /** Forgets connectors just deleted. */
    void recordDeleted(Collection<String> connectors, ConnectApi client);

    /** Takes existing connectors over, so prune may delete them once they leave the files. */
    void adopt(Collection<LiveConnector> connectors, ConnectApi client);

    /** Where the record lives, for messages. */
    String describe();

    @Override
    default void close() {
    }
}
