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
public record Plan(Instant createdAt, boolean prune, List<ClusterPlan> clusters, String digest) {
    public static final int FORMAT_VERSION = 1;

    public Plan {
        clusters = List.copyOf(clusters);
    }

    public long count(Action action) {
        return clusters.stream().mapToLong(c -> c.count(action)).sum();
    }

    public boolean hasChanges() {
        return count(Action.CREATE) + count(Action.UPDATE) + count(Action.DELETE) > 0;
    }

    public boolean hasErrors() {
        return clusters.stream().anyMatch(c -> c.error() != null);
    }

    public String summary() {
        return "Plan: " + count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, "
                + count(Action.DELETE) + " to delete, " + count(Action.NONE) + " unchanged"
                + (hasErrors() ? ", " + clusters.stream().filter(c -> c.error() != null).count() + " cluster(s) unreachable" : "") + ".";
    }
}
