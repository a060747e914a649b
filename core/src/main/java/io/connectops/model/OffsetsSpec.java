package io.connectops.model;

import java.util.List;

/**
 * A one-time change of a connector's offsets ({@code spec.offsets}): acted on once each time {@code token}
 * changes, by the controller, with the connector stopped for it and its state restored after.
 *
 * @param reset true to forget every offset (the connector starts over)
 * @param set   the offsets to write (when not a reset)
 */
public record OffsetsSpec(String token, boolean reset, List<ConnectorOffset> set, SourceLocation source) {
    public OffsetsSpec {
        set = set == null ? List.of() : List.copyOf(set);
    }

    /** "reset" or "set 3 offset(s)", for events. */
    public String describe() {
        return reset ? "reset" : "set " + set.size() + " offset(s)";
    }
}
