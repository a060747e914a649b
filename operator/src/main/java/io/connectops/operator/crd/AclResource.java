package io.connectops.operator.crd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The {@code Acl} custom resource: the whole ACL set of one principal (docs/kafka.md). */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("Acl")
@io.fabric8.kubernetes.model.annotation.Categories("connectops")
@io.fabric8.kubernetes.model.annotation.ShortNames("cxacl")
@Plural("acls")
public class AclResource extends CustomResource<AclResource.Spec, ConditionsStatus> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public String cluster;
        @Required
        @PrinterColumn(name = "Principal")
        @Pattern("^[A-Za-z]+:.+$")
        public String principal;
        public List<AclRule> rules;
        /** Delete (default): deleting the resource deletes the principal's ACLs (when connectops owns it); Orphan leaves it, unclaimed. */
        @io.fabric8.generator.annotation.Pattern("^(Delete|Orphan)$")
        public String deletionPolicy;
    }
}
