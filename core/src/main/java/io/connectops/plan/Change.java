package io.connectops.plan;

import java.util.List;

import io.connectops.model.DesiredState;
import io.connectops.model.ResourceId;
import io.connectops.ownership.Owner;

/**
 * The plan for one resource of any kind, as plain data: what is done to it, what differs (display values only),
 * who owns it, where it is declared, and what its applier sends.
 *
 * @param keyChanges    what may be shown (config keys, partitions, ACL lines, "password"): secret values already masked
 * @param owner         who owns it, as read when planning
 * @param source        where it is declared ("file:line:col"), or null for a resource only live
 * @param note          a reason worth showing (why it is left alone, why it changes)
 * @param state         its run state when its kind has one (a connector's), or null
 * @param write         what its applier sends (null when nothing is written); never printed
 * @param claim         a successful write makes it connectops' own (a claim is recorded after it)
 * @param leftAlone     declared, but connectops may not or cannot make it so (another owner's, unreadable): its health is Degraded
 * @param contentDigest a digest of the write in which secret values do not appear as they are; null when nothing is written
 */
public record Change(ResourceId id, Action action, List<KeyChange> keyChanges, Owner owner, String source, String note,
                     StateChange state, Write write, boolean claim, boolean leftAlone, String contentDigest) {
    public Change {
        keyChanges = List.copyOf(keyChanges);
    }

    public String kind() {
        return id.kind();
    }

    public String name() {
        return id.name();
    }

    /** "topic/orders", "connector/orders": the id claims and status rows use. */
    public String resource() {
        return id.claimKey();
    }

    public boolean owned() {
        return owner.ours();
    }

    /** The declared run state, or null. */
    public DesiredState desiredState() {
        return state == null ? null : state.desired();
    }

    /** An update that changes the run state. */
    public boolean stateChanges() {
        return action == Action.UPDATE && state != null && state.to() != null;
    }

    /** An update or create that writes a connector's config (not only its state). */
    public boolean configChanged() {
        return write instanceof ConnectorWrite connector && connector.configChanged();
    }

    /** This change made under {@code owner} (a team's owner id for what a team creates). */
    public Change withOwner(Owner owner) {
        return new Change(id, action, keyChanges, owner, source, note, state, write, claim, leftAlone, contentDigest);
    }

    /** This change with {@code more} shown too (what a topic to delete holds). */
    public Change plusKeyChanges(List<KeyChange> more) {
        List<KeyChange> all = new java.util.ArrayList<>(keyChanges);
        all.addAll(more);
        return new Change(id, action, all, owner, source, note, state, write, claim, leftAlone, contentDigest);
    }

    /** The start of a note's part that is a warning about the input (a key nothing defines): validate prints those. */
    public static final String WARNING = "warning: ";

    /** The parts of the note that are warnings, without {@link #WARNING}. */
    public List<String> warnings() {
        return note == null ? List.of() : java.util.Arrays.stream(note.split("; ")).filter(p -> p.startsWith(WARNING))
                .map(p -> p.substring(WARNING.length())).toList();
    }

    /** This change with {@code more} added to its note (a policy's warning). */
    public Change withNote(String more) {
        return new Change(id, action, keyChanges, owner, source, note == null ? more : note + "; " + more, state, write, claim, leftAlone,
                contentDigest);
    }

    /** A declared resource connectops may not or cannot make as declared, and why. */
    public static Change leftAlone(ResourceId id, Owner owner, String source, String why) {
        return builder(id, Action.NONE).owner(owner).source(source).note(why).leftAlone().build();
    }

    /** A resource that gets no call, with the reason worth showing (or null). */
    public static Change untouched(ResourceId id, Owner owner, String source, String note) {
        return builder(id, Action.NONE).owner(owner).source(source).note(note).build();
    }

    public static Builder builder(ResourceId id, Action action) {
        return new Builder(id, action);
    }

    /** The parts of a change, by name. */
    public static final class Builder {
        private final ResourceId id;
        private final Action action;
        private List<KeyChange> keyChanges = List.of();
        private Owner owner = Owner.NONE;
        private String source;
        private String note;
        private StateChange state;
        private Write write;
        private boolean claim;
        private boolean leftAlone;
        private String contentDigest;

        private Builder(ResourceId id, Action action) {
            this.id = id;
            this.action = action;
        }

        public Builder keyChanges(List<KeyChange> keyChanges) {
            this.keyChanges = keyChanges;
            return this;
        }

        public Builder owner(Owner owner) {
            this.owner = owner;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Builder state(StateChange state) {
            this.state = state;
            return this;
        }

        /** What to send and its digest (secret values digested keyed, never as they are). */
        public Builder write(Write write, String contentDigest) {
            this.write = write;
            this.contentDigest = contentDigest;
            return this;
        }

        public Builder claim(boolean claim) {
            this.claim = claim;
            return this;
        }

        /** Declared, but not made so: {@code note} says why. */
        public Builder leftAlone() {
            this.leftAlone = true;
            return this;
        }

        public Change build() {
            return new Change(id, action, keyChanges, owner, source, note, state, write, claim, leftAlone, contentDigest);
        }
    }

    @Override
    public String toString() {
        return "Change[" + id + " " + action + " " + keyChanges + (state == null ? "" : " state " + state.from() + "->" + state.to()) + "]";
    }
}
