package io.connectops.connect;

/** Lets tests in other packages check the client's path encoding. */
public final class ConnectClientAccess {
    private ConnectClientAccess() {
    }

    public static String encode(String segment) {
        return ConnectClient.encode(segment);
    }
}
