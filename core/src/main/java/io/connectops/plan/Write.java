package io.connectops.plan;

/**
 * What applying one change sends, as plain data, for the applier of its target (a connector's config, a batch item of a
 * Kafka write). It may hold real secret values and is never printed: a change's {@link KeyChange}s are what is shown.
 */
public interface Write {
}
