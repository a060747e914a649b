package io.connectops.ownership;

import java.util.Collection;
import java.util.Set;

/**
 * connectops' durable record of which connectors it owns on one cluster. Only owned connectors are
 * ever deleted; a connector someone else made is never touched by prune. See docs/ownership.md.
 */
public interface OwnershipStore extends AutoCloseable {
    Set<String> owned();

    void claim(Collection<String> connectors);

    void release(Collection<String> connectors);

    /** Where the record lives, for messages ("kafka topic _connectops-ownership at ..."). */
    String describe();

    @Override
    void close();
}
