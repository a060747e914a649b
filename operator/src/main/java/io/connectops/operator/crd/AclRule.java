package io.connectops.operator.crd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One ACL rule, as in an {@code Acl} file (docs/kafka.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AclRule {
    @Required
    @Pattern("^(topic|group|consumer-group|cluster|cluster-scope|transactional-id)$")
    public String resource;
    public String name;
    @Pattern("^(literal|prefixed)$")
    public String patternType;
    /** One operation or a list of them ({@code read}, {@code [read, describe]}); {@code operation} is the same for one. */
    @io.fabric8.crd.generator.annotation.PreserveUnknownFields
    public Object operations;
    public String operation;
    @Pattern("^(allow|deny)$")
    public String permission;
    public String host;
}
