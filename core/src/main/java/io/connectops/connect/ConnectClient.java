package io.connectops.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that speaks Kafka Connect's REST API. Every call has a connect and a request timeout;
 * transient answers (409 during a rebalance, 500 "rebalance is expected", an unreachable worker) are
 * retried with jittered exponential backoff within the {@link RetryPolicy}'s bounds; another of the
 * cluster's URLs is tried when one cannot be reached. Counts its calls, for benchmarks and tests.
 */
public final class ConnectClient implements ConnectApi {
    /** Made on first use: a one-shot command that logs nothing never starts the logging system. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ConnectClient.class);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** No answer of Connect's is larger (10,000 connectors with config and status are ~10 MiB): a bigger one is refused, not read. */
    static final long MAX_ANSWER_BYTES = ConnectTransport.MAX_ANSWER_BYTES;

    private final ConnectEndpoint endpoint;
    private final ConnectTransport transport;

    /** Told of every HTTP exchange (the controller turns these into metrics). {@code status} is -1 when nothing answered. */
    @FunctionalInterface
    public interface CallObserver {
        CallObserver NONE = (cluster, method, status, nanos) -> { };

        void observe(String cluster, String method, int status, long nanos);
    }

    public ConnectClient(ConnectEndpoint endpoint, RetryPolicy retry) {
        this(endpoint, retry, CallObserver.NONE);
    }

    public ConnectClient(ConnectEndpoint endpoint, RetryPolicy retry, CallObserver observer) {
        this(endpoint, retry, observer, () -> true);
    }

    /**
     * @param writesAllowed asked right before every write (not reads, not validation): a controller that lost
     *                      its leadership in the middle of a long apply writes nothing more
     */
    public ConnectClient(ConnectEndpoint endpoint, RetryPolicy retry, CallObserver observer, java.util.function.BooleanSupplier writesAllowed) {
        this.endpoint = endpoint;
        this.transport = new ConnectTransport(endpoint, retry, observer, writesAllowed);
    }

    public ConnectClient(ConnectEndpoint endpoint) {
        this(endpoint, RetryPolicy.DEFAULT);
    }

    public ConnectEndpoint endpoint() {
        return endpoint;
    }

    /** HTTP requests sent so far, retries included. */
    @Override
    public long calls() {
        return transport.calls();
    }

    // ---- reads ----

    /** {@code GET /}: version and the Kafka cluster id. */
    @Override
    public JsonNode serverInfo() {
        return send("GET", "", null, "read the server info");
    }

    @Override
    public List<String> connectorNames() {
        List<String> names = new ArrayList<>();
        send("GET", "connectors", null, "list connectors").forEach(n -> names.add(n.asText()));
        return names;
    }

    /**
     * Every connector with config and status in one call. Throws when Connect cannot answer in bulk
     * (one connector whose plugin is missing is enough); {@link #readAll()} then falls back.
     */
    public Map<String, LiveConnector> connectorsExpanded() {
        JsonNode body = send("GET", "connectors?expand=info&expand=status", null, "list connectors with info and status");
        Map<String, LiveConnector> result = new TreeMap<>();
        body.fields().forEachRemaining(e -> {
            JsonNode info = e.getValue().path("info");
            JsonNode status = e.getValue().path("status");
            result.put(e.getKey(), new LiveConnector(e.getKey(), stringMap(info.path("config")),
                    info.path("type").asText(status.path("type").asText("unknown")), parseStatus(status)));
        });
        return result;
    }

    /**
     * The whole cluster: one bulk call, or, when that fails with a non-transient error, the list and
     * then each connector on its own (a connector that cannot be read is reported without config).
     */
    @Override
    public LiveState readAll() {
        try {
            return new LiveState(connectorsExpanded(), false, Map.of());
        } catch (ConnectApiException bulkFailure) {
            if (bulkFailure.status() == 0) {
                throw bulkFailure;
            }
            Log.LOG.warn("bulk read of {} failed ({}); reading connector by connector", endpoint.cluster(), bulkFailure.getMessage());
        }
        Map<String, LiveConnector> result = new TreeMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        for (String name : connectorNames()) {
            try {
                Optional<Map<String, String>> config = config(name);
                if (config.isEmpty()) {
                    continue; // deleted meanwhile
                }
                LiveConnector.ConnectorStatus status = status(name).orElse(null);
                result.put(name, new LiveConnector(name, config.get(), "unknown", status));
            } catch (ConnectApiException e) {
                unreadable.put(name, e.getMessage());
            }
        }
        return new LiveState(result, true, unreadable);
    }

    @Override
    public Optional<Map<String, String>> config(String name) {
        return optional(() -> stringMap(send("GET", "connectors/" + encode(name) + "/config", null, "read the config of " + name)));
    }

    @Override
    public Optional<LiveConnector.ConnectorStatus> status(String name) {
        return optional(() -> parseStatus(send("GET", "connectors/" + encode(name) + "/status", null, "read the status of " + name)));
    }

    @Override
    public List<PluginInfo> connectorPlugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        send("GET", "connector-plugins", null, "list connector plugins").forEach(p ->
                plugins.add(new PluginInfo(p.path("class").asText(), p.path("type").asText(), p.path("version").asText())));
        return plugins;
    }

    /** Asks the plugin whether the config is valid. Throws 500/404 when the plugin is not installed. */
    @Override
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        JsonNode body = send("PUT", "connector-plugins/" + encode(connectorClass) + "/config/validate",
                JSON.valueToTree(config), "validate the config of " + config.getOrDefault("name", connectorClass));
        return ConfigValidation.of(body);
    }

    // ---- writes ----

    /** {@code POST /connectors}, with {@code initial_state} when it should not start running. */
    @Override
    public void create(String name, Map<String, String> config, String initialState) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.set("config", JSON.valueToTree(config));
        if (initialState != null && !initialState.equalsIgnoreCase("RUNNING")) {
            body.put("initial_state", initialState.toUpperCase(java.util.Locale.ROOT));
        }
        send("POST", "connectors", body, "create " + name);
    }

    /** {@code PUT /connectors/{name}/config}: create or replace the whole config. */
    @Override
    public void putConfig(String name, Map<String, String> config) {
        send("PUT", "connectors/" + encode(name) + "/config", JSON.valueToTree(config), "update " + name);
    }

    @Override
    public void pause(String name) {
        send("PUT", "connectors/" + encode(name) + "/pause", null, "pause " + name);
    }

    @Override
    public void resume(String name) {
        send("PUT", "connectors/" + encode(name) + "/resume", null, "resume " + name);
    }

    @Override
    public void stop(String name) {
        send("PUT", "connectors/" + encode(name) + "/stop", null, "stop " + name);
    }

    /** Deletes; returns false when it did not exist (404 counts as done). */
    @Override
    public boolean delete(String name) {
        try {
            send("DELETE", "connectors/" + encode(name), null, "delete " + name);
            return true;
        } catch (ConnectApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** Restarts the connector and its tasks (all, or only the FAILED ones). */
    @Override
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        send("POST", "connectors/" + encode(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
                null, "restart " + name);
    }

    @Override
    public void restartTask(String name, int task) {
        send("POST", "connectors/" + encode(name) + "/tasks/" + task + "/restart", null, "restart task " + task + " of " + name);
    }

    @Override
    public List<io.connectops.model.ConnectorOffset> offsets(String name) {
        JsonNode body = send("GET", "connectors/" + encode(name) + "/offsets", null, "read the offsets of " + name);
        List<io.connectops.model.ConnectorOffset> offsets = new ArrayList<>();
        for (JsonNode entry : body.path("offsets")) {
            offsets.add(new io.connectops.model.ConnectorOffset(JSON.convertValue(entry.path("partition"), MAP),
                    entry.path("offset").isNull() || entry.path("offset").isMissingNode() ? null : JSON.convertValue(entry.path("offset"), MAP)));
        }
        return offsets;
    }

    @Override
    public String alterOffsets(String name, List<io.connectops.model.ConnectorOffset> offsets) {
        ObjectNode body = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("offsets");
        for (io.connectops.model.ConnectorOffset offset : offsets) {
            ObjectNode entry = list.addObject();
            entry.set("partition", JSON.valueToTree(offset.partition()));
            entry.set("offset", offset.offset() == null ? JSON.nullNode() : JSON.valueToTree(offset.offset()));
        }
        return send("PATCH", "connectors/" + encode(name) + "/offsets", body, "alter the offsets of " + name).path("message").asText("");
    }

    @Override
    public String resetOffsets(String name) {
        return send("DELETE", "connectors/" + encode(name) + "/offsets", null, "reset the offsets of " + name).path("message").asText("");
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    private JsonNode send(String method, String path, JsonNode body, String what) {
        return transport.send(method, path, body, what);
    }

    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (ConnectApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static LiveConnector.ConnectorStatus parseStatus(JsonNode status) {
        if (status == null || status.isMissingNode() || !status.has("connector")) {
            return null;
        }
        JsonNode connector = status.path("connector");
        List<LiveConnector.TaskStatus> tasks = new ArrayList<>();
        for (JsonNode t : status.path("tasks")) {
            tasks.add(new LiveConnector.TaskStatus(t.path("id").asInt(), t.path("state").asText(),
                    t.path("worker_id").asText(), t.hasNonNull("trace") ? t.path("trace").asText() : null));
        }
        return new LiveConnector.ConnectorStatus(connector.path("state").asText("UNKNOWN"), connector.path("worker_id").asText(),
                connector.hasNonNull("trace") ? connector.path("trace").asText() : null, tasks);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        map.values().removeIf(v -> v == null);
        return map;
    }

    /** One path segment, percent-encoded; "." and ".." too, so no name can walk the path. */
    static String encode(String segment) {
        String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}
