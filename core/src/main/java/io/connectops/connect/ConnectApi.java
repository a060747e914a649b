package io.connectops.connect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kafka Connect's REST API as the stages use it. {@link ConnectClient} is the one real implementation
 * (timeouts, retries, failover, bounds); tests of rules about ordering and isolation use an in-memory
 * one, while behaviour stays tested against real workers.
 */
public interface ConnectApi {
    /** HTTP requests sent so far, retries included. */
    long calls();

    /** {@code GET /}: version and the Kafka cluster id. */
    JsonNode serverInfo();

    List<String> connectorNames();

    /** The whole cluster in one bulk read (or, when that fails, connector by connector). */
    LiveState readAll();

    Optional<Map<String, String>> config(String name);

    Optional<LiveConnector.ConnectorStatus> status(String name);

    List<PluginInfo> connectorPlugins();

    ConfigValidation validate(String connectorClass, Map<String, String> config);

    void create(String name, Map<String, String> config, String initialState);

    void putConfig(String name, Map<String, String> config);

    void pause(String name);

    void resume(String name);

    void stop(String name);

    /** Deletes; false when it did not exist. */
    boolean delete(String name);

    void restart(String name, boolean includeTasks, boolean onlyFailed);

    void restartTask(String name, int task);

    /** {@code GET /connectors/{n}/offsets}: the committed offsets (Kafka Connect 3.6+). */
    List<io.connectops.model.ConnectorOffset> offsets(String name);

    /** {@code PATCH /connectors/{n}/offsets}: Connect's answer; the connector must be STOPPED. */
    String alterOffsets(String name, List<io.connectops.model.ConnectorOffset> offsets);

    /** {@code DELETE /connectors/{n}/offsets}: Connect's answer; the connector must be STOPPED. */
    String resetOffsets(String name);
}
