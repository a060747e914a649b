package io.connectops.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What makes a live set of keys equal to the declared one, key by key (a topic's configs, an entity's quotas): what
 * to show, and what to send — each added or changed key with its value, each key left out of the declaration with
 * null (back to the default). For values that are not secret.
 *
 * @param shown  the key changes, in key order
 * @param writes key to the value to set, or null to remove
 */
public record KeyDiff<V>(List<KeyChange> shown, Map<String, V> writes) {
    /**
     * @param prefix    put before each key in what is shown ("config.")
     * @param show      how a value is shown
     * @param removedAs what a removed key is shown as becoming ("(default)"), or null
     */
    public static <V> KeyDiff<V> of(Map<String, V> declared, Map<String, V> live, String prefix, Function<V, String> show, String removedAs) {
        List<KeyChange> shown = new ArrayList<>();
        Map<String, V> writes = new LinkedHashMap<>();
        Set<String> keys = new TreeSet<>(declared.keySet());
        keys.addAll(live.keySet());
        for (String key : keys) {
            V want = declared.get(key);
            V have = live.get(key);
            if (want != null && have == null) {
                shown.add(new KeyChange(prefix + key, KeyChange.Kind.ADDED, null, show.apply(want), false));
                writes.put(key, want);
            } else if (want == null) {
                shown.add(new KeyChange(prefix + key, KeyChange.Kind.REMOVED, show.apply(have), removedAs, false));
                writes.put(key, null);
            } else if (!want.equals(have)) {
                shown.add(new KeyChange(prefix + key, KeyChange.Kind.CHANGED, show.apply(have), show.apply(want), false));
                writes.put(key, want);
            }
        }
        return new KeyDiff<>(shown, writes);
    }

    public boolean isEmpty() {
        return shown.isEmpty();
    }
}
