package io.connectops.plan;

import java.util.List;
import java.util.Locale;

/**
 * What kind of remote API a target is (a Connect cluster, a Kafka cluster), and the words its plans are shown with.
 * Everything that prints, saves or digests a plan is written once over these; a new target API adds one.
 *
 * @param id          {@code connect}, {@code kafka}: digests and saved plans key a target by {@code id:name}
 * @param title       the heading of its section in text and Markdown ("Cluster", "Kafka cluster")
 * @param primaryKind the kind shown by name alone ("Connector"); others are shown as "topic orders"; null for none
 * @param phrase      how a sentence names one ("cluster", "Kafka cluster")
 * @param plural      what it holds ("connectors", "resources")
 * @param jsonSection its section in the plan's JSON (docs/cli.md: {@code clusters}, {@code kafkaClusters})
 * @param jsonAddress where its address goes in that JSON: a list ({@code urls}) or one string ({@code bootstrapServers})
 * @param jsonKeys    the name of a change's key-change list in that JSON ({@code config}, {@code changes})
 */
public record TargetKind(String id, String title, String phrase, String primaryKind, String plural, String jsonSection,
                         String jsonAddress, boolean addressList, String jsonKeys) {
    public static final TargetKind CONNECT = new TargetKind("connect", "Cluster", "cluster", "Connector", "connectors", "clusters", "urls",
            true, "config");
    public static final TargetKind KAFKA = new TargetKind("kafka", "Kafka cluster", "Kafka cluster", null, "resources", "kafkaClusters",
            "bootstrapServers", false, "changes");

    /** Every target API, in the order plans show them. */
    public static final List<TargetKind> ALL = List.of(CONNECT, KAFKA);

    /** What it holds, for counts: "connector(s)". */
    public String noun() {
        return plural.substring(0, plural.length() - 1) + "(s)";
    }

    /** How a change of this target is named in outputs: "orders" for its primary kind, "topic orders" otherwise. */
    public String label(Change change) {
        return change.kind().equals(primaryKind) ? change.name() : change.kind().toLowerCase(Locale.ROOT) + " " + change.name();
    }

    /** The key a change's resource has in outcomes and status rows: "orders" for its primary kind, "topic/orders" otherwise. */
    public String resourceKey(Change change) {
        return change.kind().equals(primaryKind) ? change.name() : change.resource();
    }

    /** How its address is printed: "[http://a:8083/, http://b:8083/]" or "kafka:9092". */
    public String address(List<String> addresses) {
        return addressList ? addresses.toString() : String.join(",", addresses);
    }

    /** The key a target is known by in digests and saved plans. */
    public String key(String name) {
        return id + ":" + name;
    }
}
