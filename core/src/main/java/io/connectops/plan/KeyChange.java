package io.connectops.plan;

/**
 * One config key that differs. {@code before}/{@code after} are display values: a sensitive value is
 * already replaced by "(sensitive)" here, so nothing that renders a plan can leak it.
 */
public record KeyChange(String key, Kind kind, String before, String after, boolean sensitive) {
    public enum Kind { ADDED, CHANGED, REMOVED }
}
