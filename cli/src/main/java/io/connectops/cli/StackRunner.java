package io.connectops.cli;

import java.io.PrintWriter;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;

/**
 * Runs the embedded stack in the foreground: start, print where it is, wait for Ctrl-C (SIGINT) or
 * SIGTERM, then stop the workers and the broker and return, so the command exits 0 with nothing left.
 */
final class StackRunner {
    /** A clean stop takes about 4 s; past this the process gives up on it rather than hang. */
    private static final long STOP_DEADLINE_MS = 9_500;

    private StopSignal stopRequested;

    /** Starts the stack; its own logs go to {@code logFile} (and, with -v, to the terminal too). */
    DevStack start(StackOptions options, boolean verbose, java.nio.file.Path logFile, PrintWriter out) {
        // The stack's logs at INFO go to the file (it is described as the logs; quieting them left it empty on a healthy
        // run); the terminal shows connectops' own lines, and the stack's with -v.
        KafkaLogging.toFile(logFile, verbose);
        stopRequested = new StopSignal();
        long started = System.nanoTime();
        DevStack stack = DevStack.start(options.toOptions());
        out.printf("Kafka and Kafka Connect are ready (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        out.printf("  bootstrap servers  %s%n", stack.bootstrapServers());
        for (int i = 0; i < stack.connectUrls().size(); i++) {
            out.printf("  connect worker %d   %s%n", i + 1, stack.connectUrls().get(i));
        }
        if (!stack.clientProperties().isEmpty()) {
            java.nio.file.Path clientProperties = stack.dataDir().resolve("client.properties");
            StringBuilder text = new StringBuilder("# The dev stack's admin login (SASL/SCRAM-SHA-512): --command-config " + clientProperties + "\n");
            new java.util.TreeMap<>(stack.clientProperties()).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            try {
                io.connectops.files.PrivateFiles.writeString(clientProperties, text.toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + clientProperties, e);
            }
            out.printf("  kafka auth         SASL/SCRAM-SHA-512, ACLs on; super user 'admin', login in %s (0600)%n", clientProperties);
            out.printf("                     connectops plan -f DIR --bootstrap-server %s --command-config %s%n", stack.bootstrapServers(),
                    clientProperties);
        }
        out.printf("  data directory     %s%s%n", stack.dataDir(),
                options.dataDir == null ? " (removed on exit)" : " (kept)");
        out.printf("  logs               %s%s%n", logFile.toAbsolutePath(), verbose ? " (and here: -v)" : " (-v shows them here too)");
        out.flush();
        return stack;
    }

    /** Blocks until Ctrl-C or SIGTERM, then stops the stack. */
    void awaitStopThenClose(DevStack stack, PrintWriter out) {
        awaitStopThenClose(stack, out, () -> { });
    }

    /** Blocks until Ctrl-C or SIGTERM, runs {@code beforeStack} (what uses the stack), then stops the stack. */
    void awaitStopThenClose(DevStack stack, PrintWriter out, Runnable beforeStack) {
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopRequested.await();
        out.println("Stopping the Connect workers, then Kafka...");
        out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_DEADLINE_MS);
                System.err.println("error: the stack did not stop within " + STOP_DEADLINE_MS / 1000 + " s; forcing exit");
                Runtime.getRuntime().halt(ExitCodes.ERROR);
            } catch (InterruptedException e) {
                // stopped in time
            }
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        beforeStack.run();
        stack.close();
        watchdog.interrupt();
        out.println("Stopped.");
        out.flush();
    }
}
