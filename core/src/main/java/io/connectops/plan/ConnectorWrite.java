package io.connectops.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a connector's create or update sends: the whole config (real values, never shown) and whether it differs from
 * the live one (an update may change only the state).
 */
public record ConnectorWrite(Map<String, String> config, boolean configChanged) implements Write {
    public ConnectorWrite {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    @Override
    public String toString() {
        return "ConnectorWrite[" + config.size() + " key(s), values not shown]";
    }
}
