package io.connectops.render;

import io.connectops.model.SourceLocation;

/**
 * One value a template may use.
 *
 * @param secret true for values from a secrets directory, a sealed value or the environment: wherever
 *               such a value lands, it is masked
 * @param origin where it was defined (file:line, or "environment"), for messages; never the value
 */
public record Variable(String name, String value, boolean secret, SourceLocation origin) {
    @Override
    public String toString() {
        return name + (secret ? " (secret)" : "") + " from " + origin;
    }
}
