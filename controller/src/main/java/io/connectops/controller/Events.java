package io.connectops.controller;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.connectops.secrets.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last {@value #CAPACITY} events, newest last; each is also logged. Bounded: a flapping connector cannot grow it. */
public final class Events {
    static final int CAPACITY = 200;
    private static final Logger LOG = LoggerFactory.getLogger("io.connectops.events");

    private final Deque<Event> events = new ArrayDeque<>();
    private final Clock clock;
    private final Redactor redactor;

    public Events(Clock clock, Redactor redactor) {
        this.clock = clock;
        this.redactor = redactor;
    }

    public void record(String cluster, String resource, String reason, String message) {
        Event event = new Event(clock.instant(), cluster, resource, reason, redactor.redact(message));
        LOG.info("{}", event);
        synchronized (events) {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(event);
        }
    }

    public List<Event> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
