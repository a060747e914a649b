package io.connectops.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.connectops.kafka.KafkaAdmin.AclEntry;
import io.connectops.model.AclSpec;

/** An ACL as connectops models it ({@link KafkaAdmin.AclEntry}) and as Kafka's Admin client does, both ways. */
final class AclBindings {
    private AclBindings() {
    }

    static AclBinding toBinding(AclEntry entry) {
        AclSpec.Rule rule = entry.rule();
        return new AclBinding(new ResourcePattern(ResourceType.valueOf(rule.resourceType().name()), rule.resourceName(),
                PatternType.valueOf(rule.patternType().name())),
                new AccessControlEntry(entry.principal(), rule.host(), AclOperation.valueOf(rule.operation().name()),
                        AclPermissionType.valueOf(rule.permission().name())));
    }

    /** An ACL as connectops models it, or null for one it does not (left alone, never deleted). */
    static AclEntry fromBinding(AclBinding binding) {
        try {
            AclSpec.ResourceType type = AclSpec.ResourceType.valueOf(binding.pattern().resourceType().name());
            AclSpec.PatternType pattern = AclSpec.PatternType.valueOf(binding.pattern().patternType().name());
            AclSpec.Operation operation = AclSpec.Operation.valueOf(binding.entry().operation().name());
            AclSpec.Permission permission = AclSpec.Permission.valueOf(binding.entry().permissionType().name());
            return new AclEntry(binding.entry().principal(), new AclSpec.Rule(type, binding.pattern().name(), pattern, operation,
                    permission, binding.entry().host(), null));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
