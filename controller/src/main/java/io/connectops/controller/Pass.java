package io.connectops.controller;

import java.time.Instant;

/**
 * What one reconcile pass over one target decided, for the controller's bookkeeping.
 *
 * @param target   the target's label (a Connect cluster's name, {@code kafka/NAME})
 * @param writes   writes that succeeded (applied changes, offsets changes, restarts)
 * @param nextHeal when a failed resource may be restarted next (the controller looks again then), or null
 */
record Pass(String target, boolean ok, int writes, String error, Instant nextHeal) {
    static Pass failed(String target, String error) {
        return new Pass(target, false, 0, error, null);
    }
}
