package io.connectops.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.connectops.apply.Outcome;
import io.connectops.gate.WriteGate;
import io.connectops.gate.WriteKind;
import io.connectops.kafka.KafkaAdmin;
import io.connectops.kafka.ResourceClaims;
import io.connectops.kinds.KafkaKind;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.TargetPlan;

/**
 * Applies the changes of one Kafka kind added as a plug-in, with what every kind gets written once: the write gate
 * before anything is sent, the kind's one batch, claims recorded after what succeeded (released after deletions and
 * for resources gone), and an outcome per change.
 */
final class PluginKindApplier {
    private PluginKindApplier() {
    }

    static List<Outcome> apply(KafkaKind kind, TargetPlan plan, WriteGate gate, KafkaAdmin admin, ResourceClaims claims,
                               Consumer<Outcome> progress) {
        List<Change> planned = plan.changes().stream().filter(c -> c.kind().equals(kind.kind()) && c.action() != Action.NONE
                && c.write() != null).toList();
        List<String> stale = plan.staleClaims().stream().filter(r -> r.startsWith(kind.claimPrefix())).toList();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Change change : planned) {
            WriteGate.Verdict verdict = gate.check(change.id(), WriteKind.of(change.action()));
            if (!verdict.allowed()) {
                errors.put(change.resource(), verdict.reason());
            }
        }
        List<Change> allowed = planned.stream().filter(c -> !errors.containsKey(c.resource())).toList();
        if (!allowed.isEmpty()) {
            try {
                errors.putAll(kind.apply(allowed, admin));
            } catch (RuntimeException e) {
                allowed.forEach(c -> errors.put(c.resource(), e.getMessage()));
            }
        }
        String claimError = recordClaims(plan, allowed, errors, stale, gate, claims);
        List<Outcome> outcomes = new ArrayList<>();
        for (Change change : planned) {
            String error = errors.get(change.resource());
            if (error == null && claimError != null && change.claim()) {
                error = claimError;
            }
            Outcome outcome = new Outcome(plan.name(), change.resource(), change.action(), error == null ? done(change.action()) : null, error);
            progress.accept(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Claims after the writes that succeeded (never for a failed one); releases after deletions. */
    private static String recordClaims(TargetPlan plan, List<Change> applied, Map<String, String> errors, List<String> stale,
                                       WriteGate gate, ResourceClaims claims) {
        List<ResourceClaims.Claim> made = new ArrayList<>();
        List<String> released = new ArrayList<>(stale);
        for (Change change : applied) {
            if (errors.containsKey(change.resource())) {
                continue;
            }
            if (change.claim() && gate.check(change.id(), WriteKind.CLAIM).allowed()) {
                made.add(new ResourceClaims.Claim(plan.clusterId(), change.resource(), plan.owner(), Map.of(), null));
            } else if (change.action() == Action.DELETE) {
                released.add(change.resource());
            }
        }
        try {
            if (!made.isEmpty()) {
                claims.write(made);
            }
            if (!released.isEmpty()) {
                claims.release(plan.clusterId(), released);
            }
            return null;
        } catch (RuntimeException e) {
            return "applied, but the ownership record could not be written (" + e.getMessage() + "): it is not recorded "
                    + "as connectops' own, so it will not be pruned";
        }
    }

    private static String done(Action action) {
        return switch (action) {
            case CREATE -> "created";
            case DELETE -> "deleted";
            default -> "updated";
        };
    }
}
