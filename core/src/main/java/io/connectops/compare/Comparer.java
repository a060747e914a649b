package io.connectops.compare;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectops.plan.Sensitivity;

/**
 * Compares two sides (pure). Resources match by kind and name; within one, every key present on either side is
 * compared as text. A key is secret when either side says so (a value from a secret variable, a password-like
 * name): then only "same" or "differs" is known. Keys matching an expected-difference pattern (hosts,
 * credentials, topic prefixes that differ by design between environments) are kept apart and do not make the
 * sides different.
 */
public final class Comparer {
    private final List<Pattern> expected;

    /**
     * @param expectedDifferences patterns: {@code KEY_GLOB} for any resource ({@code database.hostname},
     *                            {@code *.url}), or {@code RESOURCE_GLOB:KEY_GLOB} ({@code Connector/orders-*:topic.prefix})
     */
    public Comparer(List<String> expectedDifferences) {
        this.expected = expectedDifferences.stream().map(Pattern::of).toList();
    }

    private record Pattern(PathMatcher resourceGlob, PathMatcher keyGlob, String text) {
        static Pattern of(String text) {
            int colon = text.indexOf(':');
            String resource = colon < 0 ? "**" : text.substring(0, colon);
            String key = colon < 0 ? text : text.substring(colon + 1);
            // Globs over dotted keys and Kind/name ids: '*' spans dots (a key is one path segment once dots are kept).
            return new Pattern(FileSystems.getDefault().getPathMatcher("glob:" + resource), FileSystems.getDefault().getPathMatcher("glob:" + key),
                    text);
        }

        boolean matches(String resourceId, String key) {
            return resourceGlob.matches(Path.of(resourceId)) && keyGlob.matches(Path.of(key.replace('/', '_')));
        }
    }

    public Comparison compare(Side a, Side b) {
        TreeSet<String> ids = new TreeSet<>(a.resources().keySet());
        ids.addAll(b.resources().keySet());
        List<Comparison.Entry> entries = new ArrayList<>();
        for (String id : ids) {
            Side.Resource left = a.resources().get(id);
            Side.Resource right = b.resources().get(id);
            Side.Resource any = left != null ? left : right;
            if (left == null || right == null) {
                entries.add(new Comparison.Entry(any.kind(), any.name(), left == null ? Comparison.State.ONLY_IN_B : Comparison.State.ONLY_IN_A,
                        source(left), source(right), List.of()));
                continue;
            }
            List<Comparison.KeyDifference> differences = new ArrayList<>();
            TreeMap<String, Boolean> keys = new TreeMap<>();
            left.settings().keySet().forEach(k -> keys.put(k, true));
            right.settings().keySet().forEach(k -> keys.put(k, true));
            Sensitivity byName = Sensitivity.byName();
            for (String key : keys.keySet()) {
                String x = left.settings().get(key);
                String y = right.settings().get(key);
                if (Objects.equals(x, y)) {
                    continue;
                }
                boolean secret = left.secretKeys().contains(key) || right.secretKeys().contains(key)
                        || x != null && !Sensitivity.isPlaceholder(x) && byName.isSensitive(key)
                        || y != null && !Sensitivity.isPlaceholder(y) && byName.isSensitive(key);
                boolean isExpected = expected.stream().anyMatch(p -> p.matches(id, key));
                differences.add(new Comparison.KeyDifference(key, secret ? null : byName.display(key, x), secret ? null : byName.display(key, y),
                        secret, isExpected));
            }
            Comparison.State state = differences.isEmpty() ? Comparison.State.SAME
                    : differences.stream().allMatch(Comparison.KeyDifference::expected) ? Comparison.State.EXPECTED_ONLY : Comparison.State.DIFFERS;
            entries.add(new Comparison.Entry(left.kind(), left.name(), state, source(left), source(right), differences));
        }
        return new Comparison(a.label(), b.label(), entries);
    }

    private static String source(Side.Resource resource) {
        return resource == null || resource.source() == null || resource.source().file() == null ? null
                : resource.source().file() + (resource.source().line() > 0 ? ":" + resource.source().line() : "");
    }
}
