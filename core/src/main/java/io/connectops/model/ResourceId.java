package io.connectops.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One live resource connectops may write: its kind ({@code Connector}, {@code Topic}, {@code Acl}, {@code User}, ...),
 * the target that serves it (a Connect cluster's or a Kafka cluster's name) and its name within that target (a
 * connector's or topic's name, an ACL set's principal).
 */
public record ResourceId(String kind, String target, String name) {
    public ResourceId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ResourceId connector(String target, String name) {
        return new ResourceId("Connector", target, name);
    }

    /**
     * A Kafka resource from the id its claims use: {@code topic/orders}, {@code acl/User:app}, {@code user/app}.
     *
     * @throws IllegalArgumentException when {@code claimKey} has no kind
     */
    public static ResourceId fromClaimKey(String target, String claimKey) {
        int slash = claimKey.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a resource id (kind/name): " + claimKey);
        }
        String kind = claimKey.substring(0, slash);
        return new ResourceId(Character.toUpperCase(kind.charAt(0)) + kind.substring(1), target, claimKey.substring(slash + 1));
    }

    /** {@code topic/orders}: the id a Kafka claim and a status row use. */
    public String claimKey() {
        return claimKey(kind, name);
    }

    /** The claim key of a resource of {@code kind} named {@code name}. */
    public static String claimKey(String kind, String name) {
        return kind.toLowerCase(Locale.ROOT) + "/" + name;
    }

    /** For messages: {@code Topic orders}. */
    @Override
    public String toString() {
        return kind + " " + name;
    }
}
