package io.connectops.apply;

/** Told after each connector is done, so a terminal can show N/M. Called from worker threads. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, outcome) -> { };

    void connectorDone(int done, int total, Outcome outcome);
}
