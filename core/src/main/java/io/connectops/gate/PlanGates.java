package io.connectops.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.ResourceId;
import io.connectops.ownership.Owner;
import io.connectops.plan.Change;
import io.connectops.plan.TargetPlan;

/** The write gate of one target's pass, from the owners its plan read. */
public final class PlanGates {
    private PlanGates() {
    }

    public static WriteGate of(TargetPlan plan) {
        Map<ResourceId, Owner> owners = new HashMap<>();
        List<ResourceId> declared = new ArrayList<>();
        for (Change change : plan.changes()) {
            owners.put(change.id(), change.owner());
            if (change.source() != null) {
                declared.add(change.id());
            }
        }
        return WriteGate.of(owners, declared);
    }
}
