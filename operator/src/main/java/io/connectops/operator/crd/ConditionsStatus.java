package io.connectops.operator.crd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The status of a Kafka kind's resource (Topic, Acl, User): conditions Ready and Synced, and what they concern. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConditionsStatus {
    public List<Condition> conditions;
    public Long observedGeneration;
    public String lastAppliedRevision;
    public String message;
}
