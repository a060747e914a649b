package io.connectops.kinds.quota;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.connectops.plan.Write;

/**
 * What one quota change sends: the values to set, and the quota names to remove (null value). Quotas are not secret.
 *
 * @param entity the entity's parts ({@code user}, {@code client-id}), null names for defaults
 */
record QuotaWrite(Map<String, String> entity, Map<String, Double> changes) implements Write {
    QuotaWrite {
        entity = Collections.unmodifiableMap(new LinkedHashMap<>(entity));
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }
}
