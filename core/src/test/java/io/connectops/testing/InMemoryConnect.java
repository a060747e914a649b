package io.connectops.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.connectops.connect.ConfigValidation;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectApiException;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.connect.PluginInfo;

/**
 * Kafka Connect in memory, for millisecond tests of rules (ordering, isolation, ownership): connectors
 * with a config and a state, a log of every call, and failures on demand. Behaviour against real
 * workers is tested elsewhere, on the embedded stack.
 */
public final class InMemoryConnect implements ConnectApi {
    private record Stored(Map<String, String> config, String state) {
    }

    private final Map<String, Stored> connectors = new ConcurrentHashMap<>();
    private final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failing = call -> false;

    /** Calls as "METHOD name", in order. */
    public List<String> log() {
        return List.copyOf(calls);
    }

    /** Every later call whose "METHOD name" matches is answered with HTTP 400. */
    public void fail(Predicate<String> call) {
        this.failing = call;
    }

    public void add(String name, Map<String, String> config) {
        connectors.put(name, new Stored(Map.copyOf(config), "RUNNING"));
    }

    private void call(String what) {
        calls.add(what);
        if (failing.test(what)) {
            throw new ConnectApiException(what, 400, "refused by the test");
        }
    }

    @Override
    public long calls() {
        return calls.size();
    }

    @Override
    public JsonNode serverInfo() {
        call("GET /");
        return JsonNodeFactory.instance.objectNode().put("version", "test").put("kafka_cluster_id", "in-memory");
    }

    @Override
    public List<String> connectorNames() {
        call("GET connectors");
        return new ArrayList<>(new TreeMap<>(connectors).keySet());
    }

    @Override
    public LiveState readAll() {
        call("GET connectors?expand");
        Map<String, LiveConnector> live = new TreeMap<>();
        connectors.forEach((name, stored) -> live.put(name, new LiveConnector(name, stored.config(), "source",
                new LiveConnector.ConnectorStatus(stored.state(), "memory:0", null, List.of()))));
        return new LiveState(live, false, Map.of());
    }

    @Override
    public Optional<Map<String, String>> config(String name) {
        call("GET config " + name);
        return Optional.ofNullable(connectors.get(name)).map(Stored::config);
    }

    @Override
    public Optional<LiveConnector.ConnectorStatus> status(String name) {
        call("GET status " + name);
        return Optional.ofNullable(connectors.get(name)).map(s -> new LiveConnector.ConnectorStatus(s.state(), "memory:0", null, List.of()));
    }

    @Override
    public List<PluginInfo> connectorPlugins() {
        return List.of();
    }

    private volatile Set<String> passwordKeys = Set.of();

    /** The keys every plugin here declares as PASSWORD (Connect's validate answer says so). */
    public void passwordKeys(Set<String> keys) {
        this.passwordKeys = Set.copyOf(keys);
    }

    @Override
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        call("PUT validate " + config.get("name"));
        return new ConfigValidation(0, List.of(), passwordKeys, Set.of());
    }

    @Override
    public void create(String name, Map<String, String> config, String initialState) {
        call("POST " + name);
        if (connectors.putIfAbsent(name, new Stored(Map.copyOf(config), initialState == null ? "RUNNING" : initialState.toUpperCase())) != null) {
            throw new ConnectApiException("create " + name, 409, "Connector " + name + " already exists");
        }
    }

    @Override
    public void putConfig(String name, Map<String, String> config) {
        call("PUT config " + name);
        connectors.compute(name, (n, old) -> new Stored(Map.copyOf(config), old == null ? "RUNNING" : old.state()));
    }

    /** Sets a connector's state as Connect would report it (FAILED, UNASSIGNED, ...), without logging a call. */
    public void setState(String name, String state) {
        state(name, state);
    }

    private void state(String name, String state) {
        connectors.computeIfPresent(name, (n, old) -> new Stored(old.config(), state));
    }

    @Override
    public void pause(String name) {
        call("PUT pause " + name);
        state(name, "PAUSED");
    }

    @Override
    public void resume(String name) {
        call("PUT resume " + name);
        state(name, "RUNNING");
    }

    @Override
    public void stop(String name) {
        call("PUT stop " + name);
        state(name, "STOPPED");
    }

    @Override
    public boolean delete(String name) {
        call("DELETE " + name);
        return connectors.remove(name) != null;
    }

    @Override
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        call("POST restart " + name);
    }

    @Override
    public void restartTask(String name, int task) {
        call("POST restart " + name + "/" + task);
    }

    private final Map<String, List<io.connectops.model.ConnectorOffset>> offsets = new ConcurrentHashMap<>();

    /** Sets a connector's committed offsets, as if its tasks had committed them. */
    public void commitOffsets(String name, List<io.connectops.model.ConnectorOffset> committed) {
        offsets.put(name, List.copyOf(committed));
    }

    @Override
    public List<io.connectops.model.ConnectorOffset> offsets(String name) {
        call("GET offsets " + name);
        if (!connectors.containsKey(name)) {
            throw new ConnectApiException("read the offsets of " + name, 404, "Connector " + name + " not found");
        }
        return offsets.getOrDefault(name, List.of());
    }

    private void requireStopped(String name, String what) {
        Stored stored = connectors.get(name);
        if (stored == null) {
            throw new ConnectApiException(what, 404, "Connector " + name + " not found");
        }
        if (!stored.state().equals("STOPPED")) {
            throw new ConnectApiException(what, 400, "Connectors must be in the STOPPED state before their offsets can be modified");
        }
    }

    @Override
    public String alterOffsets(String name, List<io.connectops.model.ConnectorOffset> changed) {
        call("PATCH offsets " + name);
        requireStopped(name, "alter the offsets of " + name);
        Map<Map<String, Object>, io.connectops.model.ConnectorOffset> byPartition = new java.util.LinkedHashMap<>();
        offsets.getOrDefault(name, List.of()).forEach(o -> byPartition.put(o.partition(), o));
        changed.forEach(o -> {
            if (o.offset() == null) {
                byPartition.remove(o.partition());
            } else {
                byPartition.put(o.partition(), o);
            }
        });
        offsets.put(name, List.copyOf(byPartition.values()));
        return "The offsets for this connector have been altered successfully";
    }

    @Override
    public String resetOffsets(String name) {
        call("DELETE offsets " + name);
        requireStopped(name, "reset the offsets of " + name);
        offsets.remove(name);
        return "The offsets for this connector have been reset successfully";
    }
}
