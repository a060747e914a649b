package io.connectops.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Whether the claims in an ownership topic prove anything. A claim is an unsigned record: whoever may write the topic
 * could forge one and make {@code --prune} delete a resource of someone else, and whoever may read it sees the PBKDF2
 * fingerprints of given passwords. So claims are believed only while the cluster's ACLs let no principal but
 * connectops' own read or write the topic: its SASL user (PLAIN, SCRAM), the declared {@code ownership.writers}, and
 * super users (who need no ACL). A cluster without an authorizer lets anyone delete anything anyway: there, a forged
 * claim gives nobody more than they have, and claims are believed.
 */
public final class ClaimWriters {
    private static final Set<AclOperation> EXPOSING = Set.of(AclOperation.WRITE, AclOperation.READ, AclOperation.ALL);
    private static final Pattern SASL_USER = Pattern.compile("username\\s*=\\s*\"([^\"]+)\"");

    private final Set<String> trusted;

    /** {@code declared}: principals besides connectops' own SASL user that may read and write the topic. */
    public ClaimWriters(Map<String, ?> clientProperties, Set<String> declared) {
        Set<String> principals = new LinkedHashSet<>(declared);
        Object jaas = clientProperties.get("sasl.jaas.config");
        if (jaas != null) {
            Matcher user = SASL_USER.matcher(jaas.toString());
            if (user.find()) {
                principals.add("User:" + user.group(1));
            }
        }
        this.trusted = Set.copyOf(principals);
    }

    /** Why the claims in {@code topic} prove nothing, or null when only connectops can read and write it. */
    public String problem(Admin admin, String topic, Duration timeout) {
        AclBindingFilter filter = new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.MATCH),
                AccessControlEntryFilter.ANY);
        List<String> others = new ArrayList<>();
        try {
            for (AclBinding binding : admin.describeAcls(filter).values().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String principal = binding.entry().principal();
                if (binding.entry().permissionType() == AclPermissionType.ALLOW && EXPOSING.contains(binding.entry().operation())
                        && (principal.endsWith(":*") || !trusted.contains(principal))) {
                    others.add(principal + " may " + binding.entry().operation() + " (" + binding.pattern().patternType() + " "
                            + binding.pattern().name() + ")");
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                return null;
            }
            return "the ACLs of the ownership topic " + topic + " cannot be read (" + AdminFutures.message(e.getCause())
                    + "), so its claims prove nothing: grant connectops DESCRIBE on the cluster";
        } catch (TimeoutException e) {
            return "the ACLs of the ownership topic " + topic + " were not read within " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reading the ACLs of " + topic;
        }
        return others.isEmpty() ? null : "claims in the ownership topic " + topic + " prove nothing while others can read or write it: "
                + String.join("; ", others) + ". Remove those ACLs (only connectops may use this topic), or list connectops' own"
                + " principal in the KafkaCluster's spec.ownership.writers (docs/kafka.md)";
    }
}
