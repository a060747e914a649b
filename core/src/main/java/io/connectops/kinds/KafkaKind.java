package io.connectops.kinds;

import java.util.List;
import java.util.Map;

import io.connectops.kafka.KafkaAdmin;
import io.connectops.load.DocumentReader;
import io.connectops.model.KafkaResource;
import io.connectops.plan.Change;
import io.connectops.plan.ClaimOwners;
import io.connectops.plan.PlanPart;

/**
 * A kind of Kafka resource added as a plug-in: everything connectops knows of it, in one place. The engine reads,
 * plans, guards, gates, applies, claims and reports it like every other kind; registering it in {@link Kinds} is all
 * it takes (docs/architecture.md, "Adding a kind").
 *
 * <p>The contract: {@link #observe} is a constant number of Admin requests whatever the number of resources (and is
 * not called at all when nothing of the kind is declared or claimed); {@link #plan} is pure and follows the ownership
 * rules (only what connectops claims is deleted, and only with prune; another owner's is left alone); {@link #apply}
 * gets only changes the write gate allowed, in one batch, and answers per change.
 */
public interface KafkaKind {
    /** As in documents: {@code ClientQuota}. */
    String kind();

    /** The prefix of its claim keys and status rows: {@code clientquota/}. */
    default String claimPrefix() {
        return kind().toLowerCase(java.util.Locale.ROOT) + "/";
    }

    /** Its readers: its native form and foreign forms that declare it. */
    List<DocumentReader> readers();

    /** What is live of this kind on one cluster. */
    interface Observed {
        /** The claim keys of every live resource of this kind. */
        java.util.Set<String> present();

        /** A digest of what was read (a saved plan is refused when it changed). */
        String fingerprint();
    }

    /** A declared resource as a native document ({@code connectops convert}). */
    String toNative(KafkaResource resource);

    /** Reads every live resource of this kind, in bulk. */
    Observed observe(KafkaAdmin admin);

    /** Compares what is declared with what is live: a pure function. */
    PlanPart plan(String cluster, List<KafkaResource> declared, Observed live, ClaimOwners owners, boolean prune);

    /**
     * Applies changes the write gate allowed (creates, updates, deletes of this kind) in one batch.
     *
     * @return the changes that failed, by {@link Change#resource()}, with why
     */
    Map<String, String> apply(List<Change> changes, KafkaAdmin admin);
}
