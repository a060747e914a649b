package io.connectops.devstack.noop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A source connector that runs and produces nothing: cheap enough to run thousands of, so scale tests
 * and benchmarks measure connectops and the Connect REST API rather than connector work.
 */
public class NoOpSourceConnector extends SourceConnector {
    public static final String VERSION = "1.0.0";
    /** An optional free-form setting, so tests can change a connector's config without side effects. */
    public static final String LABEL_CONFIG = "noop.label";
    /** When "true", every task throws on its first poll: a FAILED task on demand, for healing tests. */
    public static final String FAIL_CONFIG = "noop.fail";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(LABEL_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "Free-form text, ignored.")
            .define(FAIL_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Make every task fail on its first poll.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return NoOpSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
