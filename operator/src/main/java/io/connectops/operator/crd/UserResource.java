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
 * labelled Secret, never written in the resource, or generated once into a Secret the operator makes.
 */
@Group("connectops.io")
@Version("v1alpha1")
@io.fabric8.crd.generator.annotation.AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING)
@Kind("User")
@io.fabric8.kubernetes.model.annotation.Categories("connectops")
@io.fabric8.kubernetes.model.annotation.ShortNames("cxuser")
@Plural("users")
public class UserResource extends CustomResource<UserResource.Spec, ConditionsStatus> implements Namespaced {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec {
        public String cluster;
        @Pattern("^SCRAM-SHA-(256|512)$")
        public String mechanism;
        @Min(4096)
        public Integer iterations;
        /** From a secret variable ({@code {{ key }}} of a labelled Secret); without it a password is generated once. */
        public String password;
        /**
         * The Secret a generated password is kept in, in the resource's namespace (default: the resource's name), with
         * the keys {@code username}, {@code password} and {@code sasl.jaas.config}.
         */
        public String passwordSecret;
        public String rotateToken;
        public List<AclRule> acls;
        /** Delete (default): deleting the resource deletes the SCRAM credential (when connectops owns it); Orphan leaves it, unclaimed. */
        @io.fabric8.generator.annotation.Pattern("^(Delete|Orphan)$")
        public String deletionPolicy;
    }
}
