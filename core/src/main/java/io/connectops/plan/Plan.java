package io.connectops.plan;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The difference between the files and the live targets, as plain data: one {@link TargetPlan} per target, whatever
 * its API. The same object is printed (text, JSON, Markdown), saved, checked and applied.
 *
 * @param digest a SHA-256 over every change including the real (unprinted) values: a saved plan is
 *               applied only when recomputing it gives the same digest
 */
public record Plan(Instant createdAt, boolean prune, List<TargetPlan> targets, String digest) {
    public static final int FORMAT_VERSION = 1;

    public Plan {
        targets = List.copyOf(targets);
    }

    /** The plan of these targets, and its digest, which covers the real values of every change. */
    public static Plan assemble(List<TargetPlan> targets, boolean prune) {
        MessageDigest sha = Digests.sha256();
        Digests.update(sha, Boolean.toString(prune));
        for (TargetPlan target : targets) {
            Digests.update(sha, target.key());
            Digests.update(sha, target.liveFingerprint());
            for (Change change : target.changes()) {
                Digests.update(sha, change.resource());
                Digests.update(sha, change.action().name());
                Digests.update(sha, change.state() == null ? null : Objects.toString(change.state().to()));
                Digests.update(sha, Objects.toString(change.desiredState()));
                Digests.update(sha, change.contentDigest());
            }
        }
        return new Plan(Instant.now(), prune, targets, "sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    /** The targets of one API, in order. */
    public List<TargetPlan> of(TargetKind kind) {
        return targets.stream().filter(t -> t.kind().equals(kind)).toList();
    }

    /** One target's plan, or null. */
    public TargetPlan target(TargetKind kind, String name) {
        return targets.stream().filter(t -> t.kind().equals(kind) && t.name().equals(name)).findFirst().orElse(null);
    }

    public long count(Action action) {
        return targets.stream().mapToLong(t -> t.count(action)).sum();
    }

    public boolean hasChanges() {
        return count(Action.CREATE) + count(Action.UPDATE) + count(Action.DELETE) > 0;
    }

    /** A target could not be read (or part of it), or a prune was refused because ownership is unknown. */
    public boolean hasErrors() {
        return targets.stream().anyMatch(t -> t.hasErrors(prune));
    }

    /** Declared resources that need no call, every kind. */
    public long unchanged() {
        return targets.stream().mapToLong(TargetPlan::unchanged).sum();
    }

    /** Live resources connectops leaves alone because it does not manage them, every kind. */
    public long notManaged() {
        return targets.stream().mapToLong(TargetPlan::notManaged).sum();
    }

    public long unknownOwnership() {
        return targets.stream().mapToLong(t -> t.ownershipUnknown().size()).sum();
    }

    public long unreachable() {
        return targets.stream().filter(t -> t.error() != null).count();
    }

    public String summary() {
        long unreachable = unreachable();
        long leftForPrune = targets.stream().mapToLong(TargetPlan::leftForPrune).sum();
        long unmanaged = notManaged();
        long unknown = unknownOwnership();
        long refused = targets.stream().filter(t -> t.pruneRefused(prune)).count();
        return "Plan: " + count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, "
                + count(Action.DELETE) + " to delete, " + unchanged() + " unchanged"
                + (leftForPrune > 0 ? ", " + leftForPrune + " no longer declared (deleted with --prune)" : "")
                + (unmanaged > 0 ? ", " + unmanaged + " not managed" : "")
                + (unknown > 0 ? ", " + unknown + " of unknown ownership" : "")
                + (refused > 0 ? ", prune refused on " + refused + " cluster(s)" : "")
                + (unreachable > 0 ? ", " + unreachable + " cluster(s) unreachable" : "") + ".";
    }
}
