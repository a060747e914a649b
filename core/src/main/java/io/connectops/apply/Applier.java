package io.connectops.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.connectops.concurrent.Pools;
import io.connectops.connect.ConnectApiException;
import io.connectops.connect.ConnectApi;
import io.connectops.model.DesiredState;
import io.connectops.ownership.OwnershipStore;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.ConnectorWrite;
import io.connectops.plan.TargetPlan;

/**
 * Executes one cluster's plan: the writes of each connector run in order (config first, then the
 * state change, so neither is dropped), connectors run concurrently on a bounded pool, and one
 * connector's failure is recorded without stopping the others. Connectors without changes get no call.
 */
public final class Applier {
    private Applier() {
    }

    public static List<Outcome> apply(TargetPlan plan, ConnectApi client, OwnershipStore ownership, int parallelism,
                                      AtomicInteger done, int total, Progress progress) {
        List<Change> work = plan.changes().stream().filter(c -> c.action() != Action.NONE).toList();
        if (work.isEmpty()) {
            releaseStale(plan, client, ownership);
            return List.of();
        }
        ExecutorService pool = Pools.bounded("apply-" + plan.name(), parallelism, work.size());
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Change change : work) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = applyOne(plan.name(), change, client, ownership);
                    progress.connectorDone(done.incrementAndGet(), total, outcome);
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            releaseStale(plan, client, ownership);
            return recordOwnership(outcomes, client, ownership);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("apply interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("apply failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Claims follow facts: what was created is recorded after the create succeeded (a failed create
     * leaves no claim), what was deleted is released. Should recording fail, the connectors stay
     * unowned (never deleted by mistake) and their outcomes say how to fix it.
     */
    private static List<Outcome> recordOwnership(List<Outcome> outcomes, ConnectApi client, OwnershipStore ownership) {
        List<String> created = outcomes.stream().filter(o -> o.ok() && o.action() == Action.CREATE).map(Outcome::connector).toList();
        List<String> deleted = outcomes.stream().filter(o -> o.ok() && o.action() == Action.DELETE).map(Outcome::connector).toList();
        String createdError = record(() -> ownership.recordCreated(created, client), created);
        String deletedError = record(() -> ownership.recordDeleted(deleted, client), deleted);
        if (createdError == null && deletedError == null) {
            return outcomes;
        }
        List<Outcome> result = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (createdError != null && o.ok() && o.action() == Action.CREATE) {
                result.add(new Outcome(o.cluster(), o.connector(), o.action(), o.done(), "created, but not recorded as owned ("
                        + createdError + "): it is left unmanaged; 'connectops adopt " + o.connector() + "' records it"));
            } else if (deletedError != null && o.ok() && o.action() == Action.DELETE) {
                result.add(new Outcome(o.cluster(), o.connector(), o.action(), o.done(), "deleted, but its claim was not released ("
                        + deletedError + "); it is released at the next apply"));
            } else {
                result.add(o);
            }
        }
        return result;
    }

    private static String record(Runnable write, List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        try {
            write.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Claims for connectors deleted by hand are released, so a later connector of that name is not taken for ours. */
    private static void releaseStale(TargetPlan plan, ConnectApi client, OwnershipStore ownership) {
        if (plan.staleClaims().isEmpty()) {
            return;
        }
        try {
            ownership.recordDeleted(plan.staleClaims(), client);
        } catch (RuntimeException e) {
            // tried again at the next apply; a stale claim is never used while its connector is absent
        }
    }

    private static void setState(ConnectApi client, String name, DesiredState state) {
        switch (state) {
            case RUNNING -> client.resume(name);
            case PAUSED -> client.pause(name);
            case STOPPED -> client.stop(name);
            case ABSENT -> throw new IllegalStateException("an absent connector is deleted, never given a state");
        }
    }

    static Outcome applyOne(String cluster, Change change, ConnectApi client, OwnershipStore ownership) {
        String name = change.name();
        ConnectorWrite write = change.write() instanceof ConnectorWrite w ? w : null;
        List<String> done = new ArrayList<>();
        try {
            switch (change.action()) {
                case CREATE -> {
                    try {
                        client.create(name, write.config(), change.desiredState().name());
                        done.add(change.desiredState() == DesiredState.RUNNING ? "created" : "created " + change.desiredState().yamlName());
                    } catch (ConnectApiException e) {
                        if (e.status() != 409 || e.isRetryable()) {
                            throw e;
                        }
                        // It exists: converge only if it is ours (a create of ours that Connect's list did not show yet);
                        // one made meanwhile by someone else is reported, never taken over.
                        io.connectops.ownership.Owner owner = ownership.check(name, client);
                        if (!owner.ours()) {
                            throw new ConnectApiException("create " + name, 409, "it already exists and is not connectops' ("
                                    + owner.label() + "): left alone; 'connectops adopt " + name + "' takes it over");
                        }
                        client.putConfig(name, write.config());
                        setState(client, name, change.desiredState());
                        done.add("existed already: config and state set");
                    }
                }
                case UPDATE -> {
                    if (change.configChanged()) {
                        client.putConfig(name, write.config());
                        done.add("config updated");
                    }
                    if (change.stateChanges()) {
                        setState(client, name, change.state().to());
                        done.add(switch (change.state().to()) {
                            case RUNNING -> "resumed";
                            case PAUSED -> "paused";
                            case STOPPED -> "stopped";
                            case ABSENT -> "deleted";
                        });
                    }
                }
                case DELETE -> done.add(client.delete(name) ? "deleted" : "already gone");
                case NONE -> { }
            }
            return new Outcome(cluster, name, change.action(), String.join(", ", done), null);
        } catch (ConnectApiException e) {
            String partial = done.isEmpty() ? "" : " (after: " + String.join(", ", done) + ")";
            return new Outcome(cluster, name, change.action(), String.join(", ", done), scrub(e.getMessage(), change) + partial);
        } catch (io.connectops.gate.RefusedWriteException e) {
            return new Outcome(cluster, name, change.action(), String.join(", ", done), e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(cluster, name, change.action(), String.join(", ", done), scrub("unexpected: " + e, change));
        }
    }

    /** Connect's error messages may quote config values ("Invalid value X for configuration Y"): hide the secret ones. */
    static String scrub(String message, Change change) {
        if (message == null || !(change.write() instanceof ConnectorWrite write)) {
            return message;
        }
        String scrubbed = message;
        for (var entry : write.config().entrySet()) {
            String value = entry.getValue();
            if (value != null && value.length() >= 3 && io.connectops.plan.Sensitivity.SENSITIVE_KEY.matcher(entry.getKey()).matches()) {
                scrubbed = scrubbed.replace(value, io.connectops.plan.Sensitivity.MASK);
            }
        }
        return scrubbed;
    }
}
