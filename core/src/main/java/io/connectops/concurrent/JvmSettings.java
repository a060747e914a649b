package io.connectops.concurrent;

/**
 * The JDK's own settings connectops relies on, set in one place, once, before the first client or server exists:
 * {@code Main} applies them first thing, and the classes that need them apply them again (idempotent) for a process
 * that embeds connectops without {@code Main} (tests, the benchmarks). A value the user set with {@code -D} is kept.
 */
public final class JvmSettings {
    private static final Object LOCK = new Object();
    private static boolean applied;

    private JvmSettings() {
    }

    public static void apply() {
        synchronized (LOCK) {
            if (applied) {
                return;
            }
            // HttpURLConnection silently sends a POST again when a kept-alive connection closes before the answer: that
            // would duplicate a create or a restart. connectops decides about retries itself.
            setIfAbsent("sun.net.http.retryPost", "false");
            // The JDK HTTP server's bounds (/status, /metrics, the webhook): a request must arrive, and an answer leave,
            // within 10 s, or two connections sending a body slowly hold its threads and the probes time out.
            setIfAbsent("sun.net.httpserver.maxReqTime", "10");
            setIfAbsent("sun.net.httpserver.maxRspTime", "10");
            setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
            applied = true;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
