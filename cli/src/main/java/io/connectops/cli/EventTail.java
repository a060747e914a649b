package io.connectops.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.connectops.controller.Controller;
import io.connectops.controller.Event;

/** Prints the controller's events as they happen: what the demo shows while it runs. */
final class EventTail {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Controller controller;
    private final PrintWriter out;
    private int printed;
    private volatile boolean stopped;
    private Thread thread;

    EventTail(Controller controller, PrintWriter out) {
        this.controller = controller;
        this.out = out;
    }

    synchronized void printNew() {
        List<Event> events = controller.events().all();
        // The buffer is bounded: once it wraps, print from where it is.
        int from = Math.min(printed, events.size());
        for (Event e : events.subList(from, events.size())) {
            out.printf("  %s  %-16s %s%s%n", TIME.format(e.time()), e.reason(),
                    e.resource() == null ? "" : e.resource() + ": ", e.message());
        }
        printed = events.size();
        out.flush();
    }

    void follow() {
        thread = new Thread(() -> {
            while (!stopped) {
                printNew();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "demo-events");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
