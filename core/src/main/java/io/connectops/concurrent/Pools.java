package io.connectops.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Bounded pools of daemon threads: a stuck remote call must never keep the JVM from exiting. */
public final class Pools {
    private Pools() {
    }

    /** A fixed pool of {@code max(1, min(wanted, work))} named daemon threads. */
    public static ExecutorService bounded(String name, int wanted, int work) {
        int threads = Math.max(1, Math.min(wanted, work));
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
