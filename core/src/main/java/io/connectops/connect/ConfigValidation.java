package io.connectops.connect;

import java.util.List;
import java.util.Set;

/**
 * Connect's verdict on a connector config ({@code PUT /connector-plugins/{class}/config/validate}).
 *
 * @param errors        one per key with errors
 * @param passwordKeys  keys the plugin declares as PASSWORD: masked wherever connectops prints values
 * @param definedKeys   every key the plugin and Connect define for it (empty when the answer listed none)
 */
public record ConfigValidation(int errorCount, List<KeyError> errors, Set<String> passwordKeys, Set<String> definedKeys) {
    public ConfigValidation {
        errors = List.copyOf(errors);
        passwordKeys = Set.copyOf(passwordKeys);
        definedKeys = Set.copyOf(definedKeys);
    }

    public record KeyError(String key, List<String> messages) {
    }
}
