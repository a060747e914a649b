package io.connectops.plugins;

/** Bytes a plugin directory may still take under its storage limit; unlimited when the limit is 0. */
final class Budget {
    private final long limit;
    private long left;

    Budget(long limit, long used) {
        this.limit = limit;
        this.left = limit - used;
    }

    static Budget unlimited() {
        return new Budget(0, 0);
    }

    boolean limited() {
        return limit > 0;
    }

    long left() {
        return limited() ? Math.max(0, left) : Long.MAX_VALUE;
    }

    /** Takes {@code bytes} for {@code what}; refuses when that would pass the limit. */
    void take(long bytes, String what) throws Archives.Refused {
        if (!limited()) {
            return;
        }
        left -= bytes;
        if (left < 0) {
            throw new Archives.Refused("the storage limit (" + Sizes.human(limit) + ") would be exceeded by " + what
                    + ": refused (raise pluginStorageLimit, or remove a plugin)");
        }
    }

    /** Gives back what a refused or replaced plugin took. */
    void giveBack(long bytes) {
        left += bytes;
    }
}
