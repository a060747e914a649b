package io.connectops.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.connectops.operator.crd.ConnectClusterResource;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A watched resource as connectops reads it: the document a file would hold (so it is accepted or refused exactly as
 * the CLI's loader would), its name in events and snapshots, its deletion policy, where a user's generated password
 * is kept, and the state its CFK-style annotations ask for.
 */
final class ResourceDocuments {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ResourceDocuments() {
    }

    /** CFK's annotations and connectops' own: pause and resume are a state (kept while present), restarts happen once. */
    static final List<String> PAUSE = List.of("platform.confluent.io/pause-connector", "connectops.io/pause");
    static final List<String> RESUME = List.of("platform.confluent.io/resume-connector", "connectops.io/resume");
    static final List<String> RESTART = List.of("platform.confluent.io/restart-connector", "platform.confluent.io/restart-task",
            "connectops.io/restart");
    /** "namespace/kind/name": how a resource is named in errors, events and snapshots. */
    static String key(HasMetadata resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getKind() + "/" + resource.getMetadata().getName();
    }

    static boolean orphan(HasMetadata resource) {
        return "Orphan".equals(deletionPolicy(resource));
    }

    /** A resource's {@code spec.deletionPolicy} (Connector, Topic, Acl, User), or null. */
    static String deletionPolicy(HasMetadata resource) {
        if (resource instanceof ConnectorResource c && c.getSpec() != null) {
            return c.getSpec().deletionPolicy;
        }
        if (resource instanceof io.connectops.operator.crd.TopicResource t && t.getSpec() != null) {
            return t.getSpec().deletionPolicy;
        }
        if (resource instanceof io.connectops.operator.crd.AclResource a && a.getSpec() != null) {
            return a.getSpec().deletionPolicy;
        }
        return resource instanceof io.connectops.operator.crd.UserResource u && u.getSpec() != null ? u.getSpec().deletionPolicy : null;
    }

    /**
     * Where the generated password of a user declared by {@code resource} is kept: a Secret in its namespace, named
     * by {@code spec.passwordSecret} or like the resource (a Strimzi KafkaUser: like the resource, as Strimzi does);
     * null when the password is given, or another tool's resource names a file.
     */
    static String passwordLocation(HasMetadata resource) {
        String namespace = resource.getMetadata().getNamespace();
        if (resource instanceof io.connectops.operator.crd.UserResource user) {
            if (user.getSpec() != null && user.getSpec().password != null) {
                return null;
            }
            String secret = user.getSpec() == null ? null : user.getSpec().passwordSecret;
            return SecretPasswords.location(namespace, secret != null ? secret : resource.getMetadata().getName());
        }
        if (resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic && "KafkaUser".equals(generic.getKind())) {
            Map<String, String> annotations = resource.getMetadata().getAnnotations();
            String named = annotations == null ? null : annotations.get(STRIMZI_PASSWORD_FILE);
            return named != null ? named : SecretPasswords.location(namespace, resource.getMetadata().getName());
        }
        return null;
    }

    /** Where connectops' Strimzi reader reads a KafkaUser's generated-password location. */
    static final String STRIMZI_PASSWORD_FILE = "connectops.io/password-file";


    static String annotation(HasMetadata resource, List<String> names) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        if (annotations == null) {
            return null;
        }
        return names.stream().map(annotations::get).filter(v -> v != null && !v.isBlank() && !v.equalsIgnoreCase("false"))
                .findFirst().orElse(null);
    }

    /** "paused" while a pause annotation is set (and no resume one), "running" with a resume one, else null. */
    static String stateOverride(HasMetadata resource) {
        if (annotation(resource, RESUME) != null) {
            return "running";
        }
        return annotation(resource, PAUSE) != null ? "paused" : null;
    }


    static final String RESTART_TASK = "platform.confluent.io/restart-task";

    /** The resource as the document a file would hold: apiVersion, kind, metadata (name, labels), spec or data. */
    static String document(HasMetadata resource) {
        return document(resource, null, null);
    }

    /** As {@link #document(HasMetadata)}, with a state and a restart token from annotations replacing the spec's. */
    static String document(HasMetadata resource, String state, String restartToken) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", resource.getApiVersion());
        doc.put("kind", resource.getKind());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", resource.getMetadata().getName());
        if (resource.getMetadata().getLabels() != null && !resource.getMetadata().getLabels().isEmpty()) {
            metadata.put("labels", resource.getMetadata().getLabels());
        }
        doc.put("metadata", metadata);
        if (resource instanceof ConfigMap map) {
            doc.put("data", map.getData() == null ? Map.of() : map.getData());
        } else if (resource instanceof ConnectorResource connector) {
            // No spec at all is the loader's to refuse (with the resource's name), not a reason to fail every namespace's snapshot.
            Map<String, Object> spec = connector.getSpec() == null ? new LinkedHashMap<>() : YAML.convertValue(connector.getSpec(), Map.class);
            spec.remove("deletionPolicy"); // the operator's, not the connector's
            if (state != null) {
                spec.put("state", state);
            }
            if (restartToken != null) {
                spec.put("restartToken", "annotation:" + restartToken);
            }
            doc.put("spec", spec);
        } else if (resource instanceof ConnectClusterResource cluster) {
            Map<String, Object> spec = cluster.getSpec() == null ? new LinkedHashMap<>() : YAML.convertValue(cluster.getSpec(), Map.class);
            // The workers are the operator's to run; their REST API is their Service unless a URL is given.
            if (spec.remove("workers") != null && !spec.containsKey("url") && !spec.containsKey("urls")) {
                spec.put("url", WorkerRenderer.serviceUrl(cluster));
            }
            doc.put("spec", spec);
        } else if (resource instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> kafka) {
            Map<String, Object> spec = kafka.getSpec() == null ? new LinkedHashMap<>() : YAML.convertValue(kafka.getSpec(), Map.class);
            spec.remove("deletionPolicy"); // the operator's
            if (resource instanceof io.connectops.operator.crd.UserResource) {
                spec.remove("passwordSecret");
                String location = passwordLocation(resource);
                if (location != null) {
                    spec.put("passwordFile", location);
                }
            }
            doc.put("spec", spec);
        } else if (resource instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
            Map<String, String> annotations = new LinkedHashMap<>();
            if (resource.getMetadata().getAnnotations() != null) {
                annotations.putAll(resource.getMetadata().getAnnotations());
            }
            String location = passwordLocation(resource);
            if (location != null) {
                annotations.put(STRIMZI_PASSWORD_FILE, location); // a KafkaUser's generated password: a Secret named like it
            }
            if (!annotations.isEmpty()) {
                metadata.put("annotations", annotations);
            }
            Object spec = generic.getAdditionalProperties().get("spec");
            doc.put("spec", spec == null ? Map.of() : spec);
        }
        try {
            return YAML.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
