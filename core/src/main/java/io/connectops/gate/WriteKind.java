package io.connectops.gate;

/** Every kind of write connectops makes on a live resource, each checked by the {@link WriteGate}. */
public enum WriteKind {
    /** Makes a resource that does not exist: it is connectops' own from that write on. */
    CREATE("create"),
    /** Makes a config (a connector's, a topic's partitions and configs, an ACL set, a credential) what is declared. */
    CONFIG("change the config of"),
    /** Pauses, resumes or stops a connector as declared. */
    STATE("change the state of"),
    DELETE("delete"),
    /** A restart asked for by a changed restart token, or by a person. */
    RESTART("restart"),
    /** A restart of a failed connector by the healer. */
    HEAL("restart (healing)"),
    /** Resets or sets committed offsets. */
    OFFSETS("change the offsets of"),
    /** Gives a resource up without deleting it (deletionPolicy Orphan): its marker or claim taken away. */
    DISOWN("give up"),
    /** Records a resource as connectops' own (after a create, or an adopt). */
    CLAIM("claim");

    private final String verb;

    WriteKind(String verb) {
        this.verb = verb;
    }

    /** The write a planned change makes: a create, a delete, or (an update) a config change. */
    public static WriteKind of(io.connectops.plan.Action action) {
        return switch (action) {
            case CREATE -> CREATE;
            case DELETE -> DELETE;
            default -> CONFIG;
        };
    }

    /** For messages: "restart", "change the offsets of". */
    public String verb() {
        return verb;
    }
}
