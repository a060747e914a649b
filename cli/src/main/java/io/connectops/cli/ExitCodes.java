package io.connectops.cli;

/** The exit statuses every command shares, so CI can tell an error from pending drift. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    /** {@code plan}: the live state differs from the files. */
    public static final int CHANGES_PENDING = 2;

    private ExitCodes() {
    }
}
