package io.connectops.engine;

import java.util.List;

import io.connectops.apply.Outcome;
import io.connectops.gate.WriteGate;
import io.connectops.model.Diagnostic;
import io.connectops.plan.TargetKind;
import io.connectops.plan.TargetPlan;

/**
 * One target (a Connect cluster, a Kafka cluster) with its declared resources and the clients that reach it: what the
 * {@link Engine} observes, plans and applies, all targets alike. A target API brings one implementation; the engine's
 * loop, the plan, its outputs, the deletion guard and the write gate are written once over it.
 */
public interface TargetSession extends AutoCloseable {
    TargetKind kind();

    String name();

    /** How digests and saved plans know it. */
    default String key() {
        return kind().key(name());
    }

    /**
     * Reads the target in bulk and plans it. Never throws for a target that cannot be reached: its plan carries the
     * error and the others go on.
     */
    Planned plan(PlanRequest request);

    /** Applies this target's part of a plan; every write asks {@code gate} first. */
    List<Outcome> apply(TargetPlan plan, WriteGate gate, ApplyRequest request);

    /**
     * What {@code status} shows of this target, from one read: every resource connectops owns or {@code declared}
     * names, with whether it matches the declarations when {@code declared} (the files were given). Never throws: a target
     * that cannot be read says why in {@link io.connectops.status.TargetStatus#errors()}.
     */
    io.connectops.status.TargetStatus status(boolean declared);

    /** Remote requests made so far (REST calls, Admin requests). */
    long requests();

    @Override
    default void close() {
    }

    /** A target's plan, and the declared changes it refuses (any of them stops the whole plan: nothing is written). */
    record Planned(TargetPlan plan, List<Diagnostic> problems) {
        public Planned {
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param onlineValidation check every config to be written with the target first (Connect's plugin validation)
     * @param parallelism      concurrent calls per target
     */
    record PlanRequest(boolean prune, boolean onlineValidation, int parallelism) {
    }

    /** @param progress told of each resource done, from any thread */
    record ApplyRequest(int parallelism, java.util.function.Consumer<Outcome> progress) {
    }
}
