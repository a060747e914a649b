package io.connectops.connect;

import java.util.List;
import java.util.Set;

/**
 * Connect's verdict on a connector config ({@code PUT /connector-plugins/{class}/config/validate}).
 *
 * @param errors        one per key with errors
 * @param passwordKeys  keys the plugin declares as PASSWORD: masked wherever connectops prints values
 */
public record ConfigValidation(int errorCount, List<KeyError> errors, Set<String> passwordKeys) {
    public record KeyError(String key, List<String> messages) {
    }
}
