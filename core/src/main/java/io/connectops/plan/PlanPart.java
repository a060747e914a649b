package io.connectops.plan;

import java.util.List;

/**
 * What one kind added as a plug-in adds to its target's plan: its changes, what it leaves alone, and what its claims
 * and live state say (for the prune guard and a saved plan's fingerprint).
 *
 * @param staleClaims this kind's claims whose resources are gone: released by apply
 * @param ownedCount  live resources of this kind connectops owns
 * @param fingerprint a digest of what was read of this kind
 */
public record PlanPart(List<Change> changes, List<String> unmanaged, List<String> ownershipUnknown, List<String> staleClaims,
                       int ownedCount, String fingerprint) {
    public PlanPart {
        changes = List.copyOf(changes);
        unmanaged = List.copyOf(unmanaged);
        ownershipUnknown = List.copyOf(ownershipUnknown);
        staleClaims = List.copyOf(staleClaims);
    }
}
