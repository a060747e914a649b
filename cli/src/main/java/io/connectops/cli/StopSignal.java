package io.connectops.cli;

import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a latch. Handling the signals ourselves, instead of a shutdown hook,
 * lets a long-running command stop cleanly and still exit 0.
 */
final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);

    StopSignal() {
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    }

    /** Stops as a signal would: for a reason of the process's own (leadership lost). */
    void stopNow() {
        stop.countDown();
    }

    void await() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
