package io.connectops.controller;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Resources to give up (deletionPolicy Orphan) at the next pass that reaches their target, before that pass plans:
 * for a resource whose Kubernetes object had to be released while its cluster was unreachable. Kept with the
 * controller's other small promises ({@link RestartTokens}, in the cache directory) so a restart does not forget them.
 * One mechanism for every target: a Connect cluster's connectors and a Kafka cluster's topics, ACL sets and users.
 */
final class PendingOrphans {
    static final String PREFIX = "orphan:";

    private final RestartTokens tokens;

    PendingOrphans(RestartTokens tokens) {
        this.tokens = tokens;
    }

    /** @param target the target's label (a Connect cluster's name, or {@code kafka/NAME}) */
    void remember(String target, String resource) {
        tokens.put(PREFIX + target + "/" + resource, "pending");
    }

    /** Whether anything is remembered for {@code target}. */
    boolean any(String target) {
        return !tokens.keysStartingWith(PREFIX + target + "/").isEmpty();
    }

    /**
     * Gives up every resource remembered for {@code target}, one by one, while this controller leads.
     *
     * @return why not all could be given up (the pass must then plan nothing), or null
     */
    String giveUp(String target, BooleanSupplier leading, Consumer<String> giveUp) {
        String prefix = PREFIX + target + "/";
        for (String key : tokens.keysStartingWith(prefix)) {
            if (!leading.getAsBoolean()) {
                return "not the leader: nothing written";
            }
            String resource = key.substring(prefix.length());
            try {
                giveUp.accept(resource);
                tokens.put(key, null);
            } catch (RuntimeException e) {
                return "giving up " + resource + " (deletionPolicy Orphan) failed: " + e.getMessage() + "; nothing is planned before it is";
            }
        }
        return null;
    }
}
