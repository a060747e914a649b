package io.connectops.compare;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.model.AclSpec;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.Declarations;
import io.connectops.model.TopicSpec;
import io.connectops.model.UserSpec;

/** Sides from declarations (files, a Git revision) and from a live Connect cluster. */
public final class Sides {
    /** A connector's state, compared like a setting. */
    public static final String STATE = "(state)";

    private Sides() {
    }

    public static Side of(String label, Declarations declarations) {
        Map<String, Side.Resource> resources = new LinkedHashMap<>();
        for (ConnectorSpec c : declarations.connectors()) {
            Map<String, String> settings = new HashMap<>(c.connectConfig());
            settings.put(STATE, c.state().yamlName());
            put(resources, new Side.Resource("Connector", c.name(), settings, c.sensitiveKeys(), c.source()));
        }
        for (TopicSpec t : declarations.topics()) {
            Map<String, String> settings = new HashMap<>();
            if (t.partitions() != null) {
                settings.put("partitions", t.partitions().toString());
            }
            if (t.replicationFactor() != null) {
                settings.put("replicationFactor", t.replicationFactor().toString());
            }
            t.config().forEach((k, v) -> settings.put("config." + k, v));
            put(resources, new Side.Resource("Topic", t.name(), settings, Set.of(), t.source()));
        }
        for (AclSpec a : declarations.acls()) {
            Map<String, String> settings = new HashMap<>();
            a.rules().forEach(rule -> settings.put(rule.key(), "declared"));
            put(resources, new Side.Resource("Acl", a.principal(), settings, Set.of(), a.source()));
        }
        for (UserSpec u : declarations.users()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("mechanism", u.mechanism().label());
            settings.put("iterations", Integer.toString(u.iterations()));
            Set<String> secret = new HashSet<>();
            if (u.password() != null) {
                settings.put("password", u.password());
                secret.add("password");
            } else {
                settings.put("password", "(generated)");
            }
            put(resources, new Side.Resource("User", u.name(), settings, secret, u.source()));
        }
        return new Side(label, resources);
    }

    /**
     * The connectors on a live cluster, as declared ones read: without {@code name} and connectops' ownership
     * marker (Connect and connectops add them), with the state Connect reports.
     */
    public static Side of(String label, LiveState live) {
        Map<String, Side.Resource> resources = new LinkedHashMap<>();
        for (LiveConnector c : live.connectors().values()) {
            Map<String, String> settings = new HashMap<>(c.config() == null ? Map.of() : c.config());
            settings.remove("name");
            settings.remove(ConnectorSpec.OWNER_KEY);
            if (c.status() != null && c.status().state() != null) {
                settings.put(STATE, c.status().state().toLowerCase(Locale.ROOT));
            }
            put(resources, new Side.Resource("Connector", c.name(), settings, Set.of(), null));
        }
        return new Side(label, resources);
    }

    private static void put(Map<String, Side.Resource> resources, Side.Resource resource) {
        resources.put(resource.id(), resource);
    }
}
