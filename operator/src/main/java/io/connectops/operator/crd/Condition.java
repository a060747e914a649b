package io.connectops.operator.crd;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Kubernetes-style condition: {@code lastTransitionTime} moves only when {@code status} changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public String type;
    public String status;
    public String reason;
    public String message;
    public Long observedGeneration;
    public String lastTransitionTime;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, Long observedGeneration, String lastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.observedGeneration = observedGeneration;
        this.lastTransitionTime = lastTransitionTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && Objects.equals(type, c.type) && Objects.equals(status, c.status) && Objects.equals(reason, c.reason)
                && Objects.equals(message, c.message) && Objects.equals(observedGeneration, c.observedGeneration)
                && Objects.equals(lastTransitionTime, c.lastTransitionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, observedGeneration, lastTransitionTime);
    }
}
