package io.connectops.plan;

import io.connectops.model.DesiredState;

/**
 * A resource's run state in a change (a connector's running, paused, stopped or absent).
 *
 * @param desired what is declared (or null for one only live)
 * @param from    the live state when it changes (null on a create)
 * @param to      the state to reach, or null when it does not change
 */
public record StateChange(DesiredState desired, DesiredState from, DesiredState to) {
}
