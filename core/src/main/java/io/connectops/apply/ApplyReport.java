package io.connectops.apply;

import java.util.List;

/** Every outcome of one apply, per connector, plus clusters that could not be worked on at all. */
public record ApplyReport(List<Outcome> outcomes, List<String> clusterErrors) {
    public ApplyReport {
        outcomes = List.copyOf(outcomes);
        clusterErrors = List.copyOf(clusterErrors);
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    public boolean ok() {
        return failures().isEmpty() && clusterErrors.isEmpty();
    }
}
