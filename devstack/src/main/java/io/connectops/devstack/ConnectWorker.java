package io.connectops.devstack;

import java.net.URI;

/** One distributed Connect worker of the dev stack, in this JVM or in a child JVM. */
public interface ConnectWorker extends AutoCloseable {
    /** The worker's REST URL, for example {@code http://127.0.0.1:8083/}. */
    URI restUrl();

    @Override
    void close();
}
