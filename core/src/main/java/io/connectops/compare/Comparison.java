package io.connectops.compare;

import java.util.List;

/**
 * What differs between two sides, resource by resource, as plain data (the outputs render it). Secret values are
 * not in it: a secret key only says whether the two values are the same.
 */
public record Comparison(String a, String b, List<Entry> entries) {
    public Comparison {
        entries = List.copyOf(entries);
    }

    public enum State { ONLY_IN_A, ONLY_IN_B, DIFFERS, EXPECTED_ONLY, SAME }

    /**
     * One resource.
     *
     * @param differences every key that differs, the expected ones marked (empty for a resource on one side only)
     */
    public record Entry(String kind, String name, State state, String sourceA, String sourceB, List<KeyDifference> differences) {
        public Entry {
            differences = List.copyOf(differences);
        }

        public String id() {
            return kind + "/" + name;
        }
    }

    /**
     * One key. {@code a} and {@code b} are null where the key is absent on that side, and always for a secret.
     *
     * @param expected it matches a pattern of the values expected to differ between the environments
     */
    public record KeyDifference(String key, String a, String b, boolean sensitive, boolean expected) {
    }

    /** True when nothing differs but what is expected to (the exit status 0). */
    public boolean equal() {
        return entries.stream().allMatch(e -> e.state() == State.SAME || e.state() == State.EXPECTED_ONLY);
    }

    public long count(State state) {
        return entries.stream().filter(e -> e.state() == state).count();
    }
}
