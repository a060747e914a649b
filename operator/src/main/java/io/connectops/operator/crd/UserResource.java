package io.connectops.operator.crd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code User} custom resource: a SCRAM user (docs/kafka.md). Its password is a {@code {{ variable }}} from a
 * labelled Secret, never written in the resource.
 */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("User")
@Plural("users")
public class UserResource extends CustomResource<UserResource.Spec, ConditionsStatus> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public String cluster;
        @Pattern("^SCRAM-SHA-(256|512)$")
        public String mechanism;
        @Min(4096)
        public Integer iterations;
        public String password;
        public String passwordFile;
        public String rotateToken;
        public List<AclRule> acls;
    }
}
