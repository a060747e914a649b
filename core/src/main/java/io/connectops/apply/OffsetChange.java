package io.connectops.apply;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.connectops.connect.ConnectApi;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.WriteKind;
import io.connectops.connect.LiveConnector;
import io.connectops.model.ConnectorOffset;

/**
 * Changes a connector's offsets the way Kafka Connect allows it: only while the connector is STOPPED. When asked
 * to ({@code stopFirst}), a running or paused connector is stopped, its offsets changed, and its state put back
 * after — also when the change failed; otherwise a connector that is not stopped is refused with what to do.
 */
public final class OffsetChange {
    /** How long Connect may take to show a stop (a rebalance, the tasks shutting down). */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private OffsetChange() {
    }

    /** A reset: every committed offset forgotten. */
    public static String reset(GatedConnectApi client, String name, boolean stopFirst) {
        client.gate().require(client.id(name), WriteKind.OFFSETS); // before the stop: a refused change stops nothing
        return whileStopped(client, name, stopFirst, STOP_TIMEOUT, c -> {
            c.resetOffsets(name);
            return "offsets reset";
        });
    }

    /** The given offsets written (an entry without offset resets that partition alone). */
    public static String set(GatedConnectApi client, String name, List<ConnectorOffset> offsets, boolean stopFirst) {
        client.gate().require(client.id(name), WriteKind.OFFSETS);
        return whileStopped(client, name, stopFirst, STOP_TIMEOUT, c -> {
            c.alterOffsets(name, offsets);
            return offsets.size() + " offset(s) set";
        });
    }

    /**
     * Runs {@code change} with the connector STOPPED.
     *
     * @return what was done, in words ("offsets reset; RUNNING again")
     * @throws IllegalStateException when the connector is not stopped and {@code stopFirst} is false, or it did not stop in time
     */
    static String whileStopped(ConnectApi client, String name, boolean stopFirst, Duration timeout, Function<ConnectApi, String> change) {
        String before = state(client, name);
        if (before == null) {
            throw new IllegalStateException("connector '" + name + "' does not exist");
        }
        if (before.equals("STOPPED")) {
            return change.apply(client);
        }
        if (!stopFirst) {
            throw new IllegalStateException("connector '" + name + "' is " + before + ": Kafka Connect changes offsets only while a "
                    + "connector is STOPPED. Add --stop to stop it, change its offsets and make it " + before + " again");
        }
        client.stop(name);
        String done;
        try {
            awaitStopped(client, name, timeout);
            done = change.apply(client);
        } finally {
            restore(client, name, before);
        }
        return done + "; " + before + " again";
    }

    private static void restore(ConnectApi client, String name, String before) {
        switch (before) {
            case "PAUSED" -> client.pause(name);
            default -> client.resume(name); // RUNNING, and FAILED or UNASSIGNED: running is what was asked of it
        }
    }

    private static String state(ConnectApi client, String name) {
        return client.status(name).map(LiveConnector.ConnectorStatus::state).map(s -> s.toUpperCase(Locale.ROOT)).orElse(null);
    }

    /** Polls the status (bounded) until the connector shows STOPPED with no tasks. */
    private static void awaitStopped(ConnectApi client, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 50;
        while (true) {
            LiveConnector.ConnectorStatus status = client.status(name).orElse(null);
            if (status != null && "STOPPED".equalsIgnoreCase(status.state()) && status.tasks().isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connector '" + name + "' did not show STOPPED within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(pause); // polling Connect's status: nothing to wait on but the answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for '" + name + "' to stop", e);
            }
            pause = Math.min(pause * 2, 500);
        }
    }
}
