package io.connectops.controller;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.connectops.apply.Outcome;
import io.connectops.engine.TargetSession;
import io.connectops.model.SourceLocation;
import io.connectops.plan.Change;
import io.connectops.plan.TargetPlan;
import io.connectops.status.Health;

/**
 * What one target API adds to the controller's one reconcile pass ({@link Reconciler}): how its session is kept
 * between passes, what it declares, its follow-ups after the apply, each declared resource's health, and how a
 * resource is given up. The pass itself — plan, guard, leadership, apply, events, status rows, metrics — is written
 * once. One instance per target (it may keep what its last pass saw).
 *
 * @param <T> the declared target ({@code Targets.ClusterTarget}, {@code Targets.KafkaTarget})
 */
interface TargetPlugin<T> extends AutoCloseable {
    /** One declared resource: its key in outcomes and status rows, and where it is declared. */
    record Declared(String key, String kind, SourceLocation source) {
    }

    /** What the follow-ups did: writes made, and when a failed resource may be restarted next (or null). */
    record FollowUps(int writes, Instant nextHeal) {
        static final FollowUps NONE = new FollowUps(0, null);
    }

    /** The session for {@code target}: clients kept while its connection settings stay the same. */
    TargetSession session(T target);

    /** The declared resources whose status is kept (not those declared absent). */
    List<Declared> declared(T target);

    /**
     * After the plan was applied (or not): the target's own follow-ups (tokens, healing), each through the write gate of
     * {@code plan}.
     *
     * @param wrote whether the pass wrote anything (what was read before may be stale)
     */
    FollowUps followUp(T target, TargetPlan plan, boolean wrote);

    /** A declared resource's health, and the reason worth showing, after the pass. */
    Health health(Declared resource, Change change, Outcome outcome);

    /** Adds what this API knows of a resource (restarts, state, tasks, a failure) to its generic status row. */
    ResourceStatus row(Declared resource, ResourceStatus generic, Change change);

    /** Records the counts of declared resources per health in the metrics. */
    void healthMetrics(ControllerMetrics metrics, String label, Map<Health, Integer> counts);

    /** Records the remote requests a pass made, where the API has its own metric for them (Kafka's Admin requests). */
    default void requestMetrics(ControllerMetrics metrics, String label, long requests) {
    }

    /**
     * Gives {@code resource} up without deleting it (deletionPolicy Orphan): its marker or claim taken away, through the
     * write gate (only what is connectops' own).
     *
     * @return what was done, in words
     */
    String disown(T target, String resource);

    /** What the last pass knew of one resource: declared and live config, the difference (no secret values). */
    Optional<ResourceDetail> detail(T target, TargetPlan plan, String resource);

    @Override
    void close();
}
