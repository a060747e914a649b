package io.connectops.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.apply.OffsetChange;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.OffsetsSpec;
import io.connectops.model.RestartToken;
import io.connectops.model.Targets;
import io.connectops.secrets.Redactor;
import io.connectops.status.ConnectorHealth;

/**
 * What a Connect cluster's pass does after its plan is applied: a changed offsets token (one reset or set), a changed
 * restart token (one restart), and healing of failed connectors within their restart policy. Every write goes through
 * the pass's write gate, so a connector that is not connectops' own is never reset, restarted or healed; a refusal is
 * an event once, and in the connector's status.
 */
final class ConnectFollowUps {
    private final String cluster;
    private final ControllerOptions options;
    private final ControllerMetrics metrics;
    private final Events events;
    private final RestartTokens tokens;
    private final Healer healer;
    private final Redactor redactor;
    private final Clock clock;
    /** Per connector: the last offsets change acted on (or refused), for its status. */
    private final Map<String, String> offsetsDone = new ConcurrentHashMap<>();
    /** Per connector and kind of write: the gate's last refusal, so it is an event once. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    /** A failed offsets change, per token: tried again 5 s, 10 s, ... up to 5 min later, said at the first try and each doubling. */
    private record OffsetsFailure(String token, int attempts, java.time.Instant next) {
    }

    private final Map<String, OffsetsFailure> offsetsFailures = new ConcurrentHashMap<>();

    ConnectFollowUps(String cluster, Reconciler.Context context, RestartTokens tokens, Healer healer, Clock clock) {
        this.cluster = cluster;
        this.options = context.options();
        this.metrics = context.metrics();
        this.events = context.events();
        this.redactor = context.redactor();
        this.tokens = tokens;
        this.healer = healer;
        this.clock = clock;
    }

    /** The last offsets change of {@code connector} ("reset (token 't2')"), or null. */
    String offsetsDone(String connector) {
        return offsetsDone.get(connector);
    }

    /** Why healing {@code connector} was refused, or null. */
    String notHealed(String connector) {
        return refused.get(connector + "/" + WriteKind.HEAL);
    }

    /**
     * A changed {@code spec.offsets.token} asks for exactly one offsets change (reset or set), with the connector
     * stopped for it and its state restored after; the first token seen for a connector is only recorded (a new
     * connector has nothing to reset, and a controller's first start must not redo old changes).
     */
    int offsetsTokens(GatedConnectApi client, Targets.ClusterTarget target, LiveState live) {
        int done = 0;
        java.time.Instant at = clock.instant();
        for (ConnectorSpec spec : target.connectors()) {
            String key = "offsets:" + cluster + "/" + spec.name();
            if (spec.absent() || live == null || !live.connectors().containsKey(spec.name())) {
                continue;
            }
            String now = spec.offsets() == null ? "" : spec.offsets().token();
            if (!tokens.known(key)) {
                tokens.put(key, now);
                continue;
            }
            if (now.equals(tokens.get(key))) {
                continue;
            }
            if (!now.isEmpty() && !permitted(client, spec.name(), WriteKind.OFFSETS, "offsets token '" + now + "'")) {
                offsetsDone.put(spec.name(), "not done (token '" + now + "'): " + refused.get(spec.name() + "/" + WriteKind.OFFSETS));
            } else if (!now.isEmpty()) {
                OffsetsSpec change = spec.offsets();
                OffsetsFailure failed = offsetsFailures.get(key);
                if (failed != null && failed.token().equals(now) && at.isBefore(failed.next())) {
                    continue; // a failed change waits out its back-off: each try stops and resumes the connector
                }
                try {
                    String what = change.reset() ? OffsetChange.reset(client, spec.name(), true)
                            : OffsetChange.set(client, spec.name(), change.set(), true);
                    events.record(cluster, spec.name(), change.reset() ? "OffsetsReset" : "OffsetsSet", "offsets token '" + now + "': " + what);
                    offsetsDone.put(spec.name(), change.describe() + " (token '" + now + "')");
                    offsetsFailures.remove(key);
                    done++;
                } catch (RuntimeException e) {
                    int attempts = failed != null && failed.token().equals(now) ? failed.attempts() + 1 : 1;
                    Duration wait = Duration.ofSeconds(Math.min(300, 5L << Math.min(attempts - 1, 6)));
                    offsetsFailures.put(key, new OffsetsFailure(now, attempts, at.plus(wait)));
                    String message = "offsets token '" + now + "' failed (" + attempts + " time(s)): " + redactor.redact(e.getMessage())
                            + "; tried again in " + wait.toSeconds() + " s";
                    offsetsDone.put(spec.name(), message);
                    if (Integer.bitCount(attempts) == 1) {
                        events.record(cluster, spec.name(), "OffsetsFailed", message);
                    }
                    continue; // not recorded: tried again once the back-off is over
                }
            }
            tokens.put(key, now);
        }
        return done;
    }

    /** A changed spec.restartToken asks for exactly one restart; the first one seen is only recorded. */
    int restartTokens(GatedConnectApi client, Targets.ClusterTarget target, LiveState live) {
        int done = 0;
        for (ConnectorSpec spec : target.connectors()) {
            String key = cluster + "/" + spec.name();
            if (spec.absent() || live == null || !live.connectors().containsKey(spec.name())) {
                continue;
            }
            String now = spec.restartToken() == null ? "" : spec.restartToken();
            if (!tokens.known(key)) {
                tokens.put(key, now);
                continue;
            }
            if (now.equals(tokens.get(key))) {
                continue;
            }
            if (!now.isEmpty() && permitted(client, spec.name(), WriteKind.RESTART, "restartToken '" + now + "'")) {
                try {
                    OptionalInt task = RestartToken.task(now);
                    if (task.isPresent()) {
                        client.restartTask(spec.name(), task.getAsInt());
                    } else {
                        client.restart(spec.name(), true, false);
                    }
                    metrics.restart(cluster, "token", true);
                    events.record(cluster, spec.name(), "Restarted", "restartToken changed to '" + now + "': "
                            + (task.isPresent() ? "task " + task.getAsInt() + " restarted" : "restarted with its tasks"));
                    done++;
                } catch (RuntimeException e) {
                    metrics.restart(cluster, "token", false);
                    events.record(cluster, spec.name(), "RestartFailed", "restartToken '" + now + "': " + redactor.redact(e.getMessage()));
                    continue; // not recorded: the next pass tries again
                }
            }
            tokens.put(key, now);
        }
        return done;
    }

    /** What healing did: restarts made, and the earliest pending restart among the connectors failed now (or null). */
    record Healed(int restarts, Instant nextHeal) {
    }

    /**
     * Restarts what failed, within each connector's policy, and says when to look again: the backoff is honoured to the
     * second rather than to the next resync.
     */
    Healed heal(GatedConnectApi client, Targets.ClusterTarget target, LiveState live) {
        if (live == null) {
            return new Healed(0, null);
        }
        int done = 0;
        Instant nextHeal = null;
        Instant now = clock.instant();
        for (ConnectorSpec spec : target.connectors()) {
            LiveConnector connector = live.connectors().get(spec.name());
            if (spec.absent() || connector == null || connector.status() == null) {
                continue;
            }
            if (ConnectorHealth.failed(connector)) {
                if (!permitted(client, spec.name(), WriteKind.HEAL, "failed (" + ConnectorHealth.failure(connector) + "), not restarted")) {
                    continue;
                }
                Healer.Decision decision = healer.onFailed(spec.name(), spec.restartPolicy(), now);
                Instant next = decision == Healer.Decision.RESTART || decision == Healer.Decision.WAIT ? healer.nextAllowed(spec.name()) : null;
                if (next != null && (nextHeal == null || next.isBefore(nextHeal))) {
                    nextHeal = next;
                }
                if (decision == Healer.Decision.RESTART) {
                    done += restartFailed(client, spec, connector);
                } else if (decision == Healer.Decision.GIVE_UP) {
                    events.record(cluster, spec.name(), "Degraded", "still failing after " + healer.restarts(spec.name())
                            + " restarts: giving up (" + ConnectorHealth.failure(connector) + ")");
                }
            } else if (ConnectorHealth.running(connector) && healer.onHealthy(spec.name(), now) == Healer.Decision.RESET) {
                events.record(cluster, spec.name(), "Recovered", "healthy for " + options.healing().resetAfter().toSeconds()
                        + " s: restart count reset");
            }
        }
        return new Healed(done, nextHeal);
    }

    private int restartFailed(GatedConnectApi client, ConnectorSpec spec, LiveConnector connector) {
        try {
            client.restart(spec.name(), true, true);
            metrics.restart(cluster, "failed", true);
            events.record(cluster, spec.name(), "Restarted", "failed (" + ConnectorHealth.failure(connector) + "): restart "
                    + healer.restarts(spec.name()) + (spec.restartPolicy().unlimited() ? "" : " of " + spec.restartPolicy().maxRetries()));
            return 1;
        } catch (RuntimeException e) {
            metrics.restart(cluster, "failed", false);
            events.record(cluster, spec.name(), "RestartFailed", redactor.redact(e.getMessage()));
            return 0;
        }
    }

    /**
     * Whether the gate lets this pass {@code kind} the connector; a refusal is an event once (not at every pass) while
     * it stays the same.
     */
    private boolean permitted(GatedConnectApi client, String connector, WriteKind kind, String what) {
        WriteGate.Verdict verdict = client.gate().check(client.id(connector), kind);
        String key = connector + "/" + kind;
        if (verdict.allowed()) {
            refused.remove(key);
            return true;
        }
        if (!verdict.reason().equals(refused.put(key, verdict.reason()))) {
            events.record(cluster, connector, "WriteRefused", what + ": " + verdict.reason());
        }
        return false;
    }
}
