package io.connectops.connect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** Read from the answer's {@code configs}: each definition's name and type, each value's errors. */
    static ConfigValidation of(JsonNode body) {
        List<KeyError> errors = new ArrayList<>();
        Set<String> passwords = new HashSet<>();
        Set<String> defined = new HashSet<>();
        for (JsonNode c : body.path("configs")) {
            JsonNode value = c.path("value");
            if (c.path("definition").hasNonNull("name")) {
                defined.add(c.path("definition").path("name").asText());
            }
            if ("PASSWORD".equals(c.path("definition").path("type").asText())) {
                passwords.add(c.path("definition").path("name").asText());
            }
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(m -> messages.add(m.asText()));
            if (!messages.isEmpty()) {
                errors.add(new KeyError(value.path("name").asText(), messages));
            }
        }
        return new ConfigValidation(body.path("error_count").asInt(), errors, passwords, defined);
    }
}
