package io.connectops.ownership;

/**
 * Who owns one live connector, as far as connectops can tell. Only {@link Kind#CONNECTOPS} may ever
 * be deleted; {@link Kind#UNKNOWN} is not the same as "not ours": it refuses deletion with a reason.
 *
 * @param detail the other owner's id ({@link Kind#OTHER}) or why ownership is unknown ({@link Kind#UNKNOWN})
 */
public record Owner(Kind kind, String detail) {
    public enum Kind {
        /** Made (or adopted) by this connectops owner: may be updated, pruned and deleted. */
        CONNECTOPS,
        /** Not marked or recorded by anyone: updated when declared, never deleted. */
        NONE,
        /** Marked by another connectops owner id (another repository): left alone. */
        OTHER,
        /** Could not be established (record unreachable, recorded for another cluster): never deleted. */
        UNKNOWN
    }

    public static final Owner CONNECTOPS = new Owner(Kind.CONNECTOPS, null);
    public static final Owner NONE = new Owner(Kind.NONE, null);

    /** Ours, made under a team's owner id (docs/teams.md): {@code detail} is the team. */
    public static Owner team(String team) {
        return new Owner(Kind.CONNECTOPS, team);
    }

    public static Owner other(String ownerId) {
        return new Owner(Kind.OTHER, ownerId);
    }

    public static Owner unknown(String why) {
        return new Owner(Kind.UNKNOWN, why);
    }

    public boolean ours() {
        return kind == Kind.CONNECTOPS;
    }

    /** The word tables and JSON show: connectops, unmanaged, owner:ID or unknown. */
    public String label() {
        return switch (kind) {
            case CONNECTOPS -> detail == null ? "connectops" : "team:" + detail;
            case NONE -> "unmanaged";
            case OTHER -> "owner:" + detail;
            case UNKNOWN -> "unknown";
        };
    }
}
