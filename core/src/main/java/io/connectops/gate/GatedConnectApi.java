package io.connectops.gate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.connect.ConfigValidation;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.LiveConnector;
import io.connectops.connect.LiveState;
import io.connectops.connect.PluginInfo;
import io.connectops.model.ConnectorOffset;
import io.connectops.model.ResourceId;

/**
 * A Connect cluster as everything that writes to it sees it: reads pass straight through, and every write asks the
 * {@link WriteGate} first, so no applier, follow-up or command can write around it.
 */
public final class GatedConnectApi implements ConnectApi {
    private final ConnectApi inner;
    private final String target;
    private final WriteGate gate;

    public GatedConnectApi(ConnectApi inner, String target, WriteGate gate) {
        this.inner = inner;
        this.target = target;
        this.gate = gate;
    }

    public WriteGate gate() {
        return gate;
    }

    /** The id the gate knows {@code connector} by. */
    public ResourceId id(String connector) {
        return ResourceId.connector(target, connector);
    }

    private void require(String connector, WriteKind kind) {
        gate.require(id(connector), kind);
    }

    @Override
    public long calls() {
        return inner.calls();
    }

    @Override
    public JsonNode serverInfo() {
        return inner.serverInfo();
    }

    @Override
    public List<String> connectorNames() {
        return inner.connectorNames();
    }

    @Override
    public LiveState readAll() {
        return inner.readAll();
    }

    @Override
    public Optional<Map<String, String>> config(String name) {
        return inner.config(name);
    }

    @Override
    public Optional<LiveConnector.ConnectorStatus> status(String name) {
        return inner.status(name);
    }

    @Override
    public List<PluginInfo> connectorPlugins() {
        return inner.connectorPlugins();
    }

    @Override
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        return inner.validate(connectorClass, config);
    }

    @Override
    public void create(String name, Map<String, String> config, String initialState) {
        require(name, WriteKind.CREATE);
        inner.create(name, config, initialState);
        gate.nowOurs(id(name));
    }

    @Override
    public void putConfig(String name, Map<String, String> config) {
        require(name, WriteKind.CONFIG);
        inner.putConfig(name, config);
    }

    @Override
    public void pause(String name) {
        require(name, WriteKind.STATE);
        inner.pause(name);
    }

    @Override
    public void resume(String name) {
        require(name, WriteKind.STATE);
        inner.resume(name);
    }

    @Override
    public void stop(String name) {
        require(name, WriteKind.STATE);
        inner.stop(name);
    }

    @Override
    public boolean delete(String name) {
        require(name, WriteKind.DELETE);
        boolean existed = inner.delete(name);
        gate.gone(id(name));
        return existed;
    }

    @Override
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        require(name, WriteKind.RESTART);
        inner.restart(name, includeTasks, onlyFailed);
    }

    @Override
    public void restartTask(String name, int task) {
        require(name, WriteKind.RESTART);
        inner.restartTask(name, task);
    }

    @Override
    public List<ConnectorOffset> offsets(String name) {
        return inner.offsets(name);
    }

    @Override
    public String alterOffsets(String name, List<ConnectorOffset> offsets) {
        require(name, WriteKind.OFFSETS);
        return inner.alterOffsets(name, offsets);
    }

    @Override
    public String resetOffsets(String name) {
        require(name, WriteKind.OFFSETS);
        return inner.resetOffsets(name);
    }
}
