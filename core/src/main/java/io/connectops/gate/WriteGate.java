package io.connectops.gate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.model.ResourceId;
import io.connectops.ownership.Owner;

/**
 * The one place that decides whether connectops may write to a live resource. Every write of every front end and
 * follow-up — create, config, state, delete, restart, healing, offsets, giving up, claims — asks it first, with the
 * owners read for that pass. The rule (docs/ownership.md, "The write gate"):
 *
 * <ul>
 *   <li>connectops' own resource (its marker or claim, for this owner id): any write;</li>
 *   <li>a resource that does not exist yet: created, and connectops' own from then on;</li>
 *   <li>a declared resource nobody claims (or whose owner cannot be established): only made equal to its declaration
 *       (config and state); never deleted, restarted, healed, reset or given up — {@code connectops adopt} hands it over;</li>
 *   <li>a resource another owner id claims: nothing, ever.</li>
 * </ul>
 *
 * A person's {@code --force} on an imperative command is the one way past it, and says so.
 */
public final class WriteGate {
    /** What the gate said about one write. */
    public record Verdict(boolean allowed, String reason) {
        static final Verdict ALLOWED = new Verdict(true, null);
    }

    /** A write the gate refused, for events and status. */
    public record Refusal(ResourceId resource, WriteKind kind, String reason) {
    }

    private final Map<ResourceId, Owner> owners = new ConcurrentHashMap<>();
    private final Set<ResourceId> declared = ConcurrentHashMap.newKeySet();
    private final boolean forced;
    private final List<Refusal> refusals = new ArrayList<>();

    private WriteGate(boolean forced) {
        this.forced = forced;
    }

    /** A gate over the owners read for one pass; a resource it was not told about is nobody's and not declared. */
    public static WriteGate of(Map<ResourceId, Owner> owners, Collection<ResourceId> declared) {
        WriteGate gate = new WriteGate(false);
        gate.owners.putAll(owners);
        gate.declared.addAll(declared);
        return gate;
    }

    /** A person said {@code --force} on an imperative command: every write passes (the command says it was forced). */
    public static WriteGate forced() {
        return new WriteGate(true);
    }

    public Owner owner(ResourceId id) {
        return owners.getOrDefault(id, Owner.NONE);
    }

    public Verdict check(ResourceId id, WriteKind kind) {
        if (forced) {
            return Verdict.ALLOWED;
        }
        Owner owner = owner(id);
        return switch (owner.kind()) {
            case CONNECTOPS -> Verdict.ALLOWED;
            case OTHER -> refused(id, kind, "owned by another connectops (owner '" + owner.detail() + "'): left alone");
            case NONE -> kind == WriteKind.CREATE || kind == WriteKind.CLAIM || declaredChange(id, kind) ? Verdict.ALLOWED
                    : refused(id, kind, "not owned by connectops, left alone; 'connectops adopt' hands it over");
            case UNKNOWN -> declaredChange(id, kind) ? Verdict.ALLOWED
                    : refused(id, kind, "whether connectops owns it is unknown (" + owner.detail() + "): left alone");
        };
    }

    /**
     * Throws unless the write may be made.
     *
     * @throws RefusedWriteException naming the resource, the write and why
     */
    public void require(ResourceId id, WriteKind kind) {
        Verdict verdict = check(id, kind);
        if (!verdict.allowed()) {
            throw new RefusedWriteException(verdict.reason());
        }
    }

    /**
     * Takes a resource over (an adopt): allowed only for one nobody claims; from then on the writes that record the
     * claim (a marker in its config) pass.
     *
     * @throws RefusedWriteException when another owner claims it or its owner is unknown
     */
    public void claim(ResourceId id) {
        require(id, WriteKind.CLAIM);
        nowOurs(id);
    }

    /** A create or an adopt succeeded: the resource is connectops' own from now on. */
    public void nowOurs(ResourceId id) {
        owners.put(id, Owner.CONNECTOPS);
    }

    /** The resource was deleted or given up: nobody's. */
    public void gone(ResourceId id) {
        owners.remove(id);
    }

    /** The writes refused so far, oldest first. */
    public List<Refusal> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    private boolean declaredChange(ResourceId id, WriteKind kind) {
        return (kind == WriteKind.CONFIG || kind == WriteKind.STATE) && declared.contains(id);
    }

    private Verdict refused(ResourceId id, WriteKind kind, String why) {
        String reason = "refused to " + kind.verb() + " " + id + ": " + why;
        synchronized (refusals) {
            refusals.add(new Refusal(id, kind, reason));
        }
        return new Verdict(false, reason);
    }
}
