package io.connectops.plan;

import java.time.Instant;
import java.util.List;

/**
 * The difference between the files and the live clusters, as plain data. The same object is printed
 * (text, JSON, Markdown), saved, checked and applied.
 *
 * @param digest a SHA-256 over every change including the real (unprinted) values: a saved plan is
 *               applied only when recomputing it gives the same digest
 */
public record Plan(Instant createdAt, boolean prune, List<ClusterPlan> clusters, List<KafkaPlan> kafka, String digest) {
    public static final int FORMAT_VERSION = 1;

    public Plan {
        clusters = List.copyOf(clusters);
        kafka = List.copyOf(kafka);
    }

    public long count(Action action) {
        return clusters.stream().mapToLong(c -> c.count(action)).sum() + kafka.stream().mapToLong(k -> k.count(action)).sum();
    }

    public boolean hasChanges() {
        return count(Action.CREATE) + count(Action.UPDATE) + count(Action.DELETE) > 0;
    }

    /** A cluster could not be read, or a prune was refused because ownership is unknown. */
    public boolean hasErrors() {
        return clusters.stream().anyMatch(c -> c.error() != null || c.pruneRefused(prune))
                || kafka.stream().anyMatch(k -> k.error() != null || k.pruneRefused(prune) || !k.problems().isEmpty());
    }

    /** Declared resources that need no call, every kind. */
    public long unchanged() {
        return clusters.stream().mapToLong(ClusterPlan::unchanged).sum() + kafka.stream().mapToLong(KafkaPlan::unchanged).sum();
    }

    /** Live resources connectops leaves alone because it does not manage them, every kind. */
    public long notManaged() {
        return clusters.stream().mapToLong(ClusterPlan::notManaged).sum() + kafka.stream().mapToLong(k -> k.unmanaged().size()).sum();
    }

    public long unknownOwnership() {
        return clusters.stream().mapToLong(c -> c.ownershipUnknown().size()).sum()
                + kafka.stream().mapToLong(k -> k.ownershipUnknown().size()).sum();
    }

    public long unreachable() {
        return clusters.stream().filter(c -> c.error() != null).count() + kafka.stream().filter(k -> k.error() != null).count();
    }

    public String summary() {
        long unreachable = unreachable();
        long leftForPrune = clusters.stream().mapToLong(ClusterPlan::leftForPrune).sum() + kafka.stream().mapToLong(KafkaPlan::leftForPrune).sum();
        long unmanaged = notManaged();
        long unknown = unknownOwnership();
        long refused = clusters.stream().filter(c -> c.pruneRefused(prune)).count() + kafka.stream().filter(k -> k.pruneRefused(prune)).count();
        return "Plan: " + count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, "
                + count(Action.DELETE) + " to delete, " + unchanged() + " unchanged"
                + (leftForPrune > 0 ? ", " + leftForPrune + " no longer declared (deleted with --prune)" : "")
                + (unmanaged > 0 ? ", " + unmanaged + " not managed" : "")
                + (unknown > 0 ? ", " + unknown + " of unknown ownership" : "")
                + (refused > 0 ? ", prune refused on " + refused + " cluster(s)" : "")
                + (unreachable > 0 ? ", " + unreachable + " cluster(s) unreachable" : "") + ".";
    }
}
