package io.connectops.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.ResourceId;
import io.connectops.ownership.Owner;
import io.connectops.plan.ClusterPlan;
import io.connectops.plan.ConnectorChange;
import io.connectops.plan.KafkaChange;
import io.connectops.plan.KafkaPlan;

/** The write gate of one target's pass, from the owners its plan read. */
public final class PlanGates {
    private PlanGates() {
    }

    public static WriteGate of(ClusterPlan plan) {
        Map<ResourceId, Owner> owners = new HashMap<>();
        List<ResourceId> declared = new ArrayList<>();
        for (ConnectorChange change : plan.changes()) {
            ResourceId id = ResourceId.connector(plan.cluster(), change.connector());
            owners.put(id, change.owner());
            if (change.source() != null) {
                declared.add(id);
            }
        }
        return WriteGate.of(owners, declared);
    }

    public static WriteGate of(KafkaPlan plan) {
        Map<ResourceId, Owner> owners = new HashMap<>();
        List<ResourceId> declared = new ArrayList<>();
        for (KafkaChange change : plan.changes()) {
            ResourceId id = new ResourceId(change.kind(), plan.cluster(), change.name());
            owners.put(id, change.owner());
            if (change.source() != null) {
                declared.add(id);
            }
        }
        return WriteGate.of(owners, declared);
    }
}
