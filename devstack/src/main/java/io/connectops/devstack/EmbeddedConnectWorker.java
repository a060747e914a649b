package io.connectops.devstack;

import java.net.URI;
import java.util.Map;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/** A real distributed Connect worker running in this JVM. */
public final class EmbeddedConnectWorker implements ConnectWorker {
    private final Connect<?> connect;
    private final URI restUrl;

    private EmbeddedConnectWorker(Connect<?> connect) {
        this.connect = connect;
        this.restUrl = connect.rest().advertisedUrl();
    }

    public static EmbeddedConnectWorker start(Map<String, String> workerProperties) {
        KafkaExit.throwInsteadOfExit();
        // startConnect swaps the thread's context class loader for the plugins' one; put ours back.
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            return new EmbeddedConnectWorker(new ConnectDistributed().startConnect(workerProperties));
        } catch (EmbeddedStackException e) {
            throw new EmbeddedStackException("the Connect worker on " + workerProperties.get("listeners")
                    + " failed to start (" + e.getMessage() + ")", e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Override
    public URI restUrl() {
        return restUrl;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
