package io.connectops.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.connectops.model.ConnectClusterSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;

/** Reads connectops' own kinds ({@code connectops.io/v1alpha1} Connector and ConnectCluster). */
public final class NativeReader {
    public static final String API_VERSION = "connectops.io/v1alpha1";

    private NativeReader() {
    }

    static ConnectorSpec connector(Fields doc) {
        doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        Metadata metadata = metadata(doc);
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with at least 'class')");
            return null;
        }
        spec.allowOnly("cluster", "class", "tasksMax", "state", "config", "restartPolicy", "restartToken", "offsets");
        DesiredState state = spec.enumValue("state", DesiredState.class, DesiredState.RUNNING);
        RestartPolicy restartPolicy = restartPolicy(spec.object("restartPolicy"));
        Fields offsets = spec.object("offsets");
        io.connectops.model.OffsetsSpec offsetsChange = offsets == null ? null : OffsetsReader.spec(offsets);
        ConnectorSpec connector = ConnectorParts.build(metadata, metadata == null ? null : metadata.name(), spec, "class", "tasksMax",
                "config", spec.string("cluster"), state, restartPolicy, spec.string("restartToken"), true);
        return connector == null || offsetsChange == null ? connector : connector.withOffsets(offsetsChange);
    }

    static RestartPolicy restartPolicy(Fields policy) {
        if (policy == null) {
            return RestartPolicy.DEFAULT;
        }
        policy.allowOnly("type", "maxRetries");
        RestartPolicy.Type type = policy.enumValue("type", RestartPolicy.Type.class, RestartPolicy.Type.OnFailure);
        Integer maxRetries = policy.integer("maxRetries", RestartPolicy.UNLIMITED);
        return new RestartPolicy(type, maxRetries == null ? RestartPolicy.DEFAULT.maxRetries() : maxRetries);
    }

    static ConnectClusterSpec cluster(Fields doc) {
        doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
        Metadata metadata = metadata(doc);
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'url' or 'urls')");
            return null;
        }
        spec.allowOnly("url", "urls", "auth", "tls", "timeouts", "ownership", "insecureHttpAuth", "plugins", "pluginRepositories",
                "pluginStorageLimit");
        List<URI> urls = new ArrayList<>();
        List<String> texts = new ArrayList<>(spec.stringList("urls"));
        if (spec.has("url")) {
            texts.add(0, spec.string("url"));
        }
        if (texts.isEmpty()) {
            spec.problem(null, "a ConnectCluster needs 'spec.url' (or 'spec.urls'): the Connect REST API, e.g. http://connect:8083");
        }
        for (String text : texts) {
            try {
                URI uri = new URI(text.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(text, "expected http://host:port or https://host:port");
                }
                if (uri.getRawUserInfo() != null) {
                    // It would be ignored, and printed with the URL: credentials belong in spec.auth.
                    spec.problem(spec.has("url") ? "url" : "urls", "a Connect REST URL may not carry a user or password (user:pass@): "
                            + "put them in spec.auth.basic (from a secret variable)");
                    continue;
                }
                urls.add(uri);
            } catch (URISyntaxException e) {
                spec.problem(spec.has("url") ? "url" : "urls", "'" + text + "' is not a Connect REST URL: " + e.getReason());
            }
        }
        ConnectClusterSpec.Auth auth = auth(spec.object("auth"));
        if (auth != null && !Boolean.TRUE.equals(spec.bool("insecureHttpAuth"))) {
            for (URI url : urls) {
                if ("http".equals(url.getScheme()) && !isLoopback(url.getHost())) {
                    spec.problem("auth", "spec.auth would send credentials in clear text to " + url + ": use https://, or set "
                            + "'insecureHttpAuth: true' on a network you trust");
                    break;
                }
            }
        }
        ConnectClusterSpec.Tls tls = tls(spec.object("tls"));
        Duration connectTimeout = null;
        Duration requestTimeout = null;
        Fields timeouts = spec.object("timeouts");
        if (timeouts != null) {
            timeouts.allowOnly("connect", "request");
            connectTimeout = duration(timeouts, "connect");
            requestTimeout = duration(timeouts, "request");
        }
        ConnectClusterSpec.Ownership ownership = ownership(spec.object("ownership"));
        io.connectops.model.PluginsSpec plugins = PluginsReader.plugins(spec);
        if (metadata == null || urls.isEmpty()) {
            return null;
        }
        return new ConnectClusterSpec(metadata.name(), urls, auth, tls, connectTimeout, requestTimeout, ownership, metadata.location(),
                plugins);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static ConnectClusterSpec.Auth auth(Fields auth) {
        if (auth == null) {
            return null;
        }
        auth.allowOnly("basic", "bearer");
        Fields basic = auth.object("basic");
        if (basic != null) {
            basic.allowOnly("username", "password");
            return new ConnectClusterSpec.Auth(basic.requiredString("username"), basic.requiredString("password"), null);
        }
        Fields bearer = auth.object("bearer");
        if (bearer != null) {
            bearer.allowOnly("token");
            return new ConnectClusterSpec.Auth(null, null, bearer.requiredString("token"));
        }
        auth.problem(null, "'spec.auth' needs 'basic: {username, password}' or 'bearer: {token}'");
        return null;
    }

    private static ConnectClusterSpec.Tls tls(Fields tls) {
        if (tls == null) {
            return null;
        }
        tls.allowOnly("truststore", "truststorePassword", "truststoreType", "keystore", "keystorePassword", "keystoreType",
                "caPem", "certPem", "keyPem");
        if (tls.has("certPem") != tls.has("keyPem")) {
            tls.problem(null, "'spec.tls.certPem' and 'spec.tls.keyPem' go together (the client certificate and its key)");
        }
        return new ConnectClusterSpec.Tls(tls.string("truststore"), tls.string("truststorePassword"), tls.string("truststoreType"),
                tls.string("keystore"), tls.string("keystorePassword"), tls.string("keystoreType"),
                tls.string("caPem"), tls.string("certPem"), tls.string("keyPem"));
    }

    private static ConnectClusterSpec.Ownership ownership(Fields ownership) {
        if (ownership == null) {
            return null;
        }
        ownership.allowOnly("owner", "kafka", "kafkaCluster", "file");
        String owner = ownership.string("owner");
        if (owner != null && !owner.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            ownership.problem("owner", "'spec.ownership.owner' must be 1 to 63 letters, digits, '.', '_' or '-' (e.g. team-orders)");
        }
        Fields kafka = ownership.object("kafka");
        String file = ownership.string("file");
        if (kafka != null && file != null) {
            ownership.problem("file", "'spec.ownership' takes 'kafka' or 'file', not both");
        }
        String kafkaCluster = ownership.string("kafkaCluster");
        if (kafkaCluster != null) {
            if (kafka != null || file != null) {
                ownership.problem("kafkaCluster", "'spec.ownership' takes one of 'kafka', 'kafkaCluster' or 'file'");
            }
            // Resolved against the declared KafkaClusters by the offline validator.
            return new ConnectClusterSpec.Ownership(owner, null, null, Map.of(), null, kafkaCluster, java.util.Set.of());
        }
        if (kafka != null) {
            kafka.allowOnly("bootstrapServers", "topic", "properties", "writers");
            String topic = kafka.string("topic");
            return new ConnectClusterSpec.Ownership(owner, kafka.requiredString("bootstrapServers"),
                    topic == null ? ConnectClusterSpec.Ownership.DEFAULT_TOPIC : topic, kafka.stringMap("properties"), null, null,
                    KafkaNativeReader.principals(kafka, "writers"));
        }
        return new ConnectClusterSpec.Ownership(owner, null, null, Map.of(), file);
    }

    private static Duration duration(Fields fields, String field) {
        String text = fields.string(field);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            fields.problem(field, "'" + fields.path(field) + "': " + e.getMessage());
            return null;
        }
    }

    /** A native document's metadata: its name (required), labels, and where the name is. */
    public record Metadata(String name, Map<String, String> labels, io.connectops.model.SourceLocation location) {
    }

    public static Metadata metadata(Fields doc) {
        Fields metadata = doc.object("metadata");
        if (metadata == null) {
            doc.problem(null, "missing required field 'metadata' (with 'name')");
            return null;
        }
        // Kubernetes tooling adds these; they mean nothing to connectops but must not be errors.
        metadata.allowOnly("name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation",
                "creationTimestamp", "managedFields", "finalizers", "ownerReferences");
        String name = metadata.requiredString("name");
        Map<String, String> labels = metadata.stringMap("labels");
        if (name != null && (name.isBlank() || !name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl))) {
            metadata.problem("name", "'metadata.name' '" + name + "' is not a valid connector name: no leading or trailing "
                    + "spaces, no control characters");
            return null;
        }
        return name == null ? null : new Metadata(name, labels, metadata.locationOf("name"));
    }
}
