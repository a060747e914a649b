package io.connectops.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which environment variables templates and jq programs may see: only those the user allowed by name or
 * pattern ({@code ORDERS_*}). Whoever can commit to the repository is not trusted with the process's
 * environment (a CI job's or the controller's tokens), so nothing is visible by default.
 */
public final class EnvironmentAllowList {
    /**
     * Environment variables whose names say they hold secrets: their values, and anything computed from them,
     * never print. Others are ordinary variables. {@code --secret-env} adds patterns.
     */
    public static final List<String> DEFAULT_SECRET_PATTERNS = List.of("*PASSWORD*", "*PASSWD*", "*SECRET*", "*TOKEN*", "*_KEY",
            "*CREDENTIAL*", "*API_KEY*");

    private EnvironmentAllowList() {
    }

    /** The variables of {@code environment} whose names match one of {@code patterns} ({@code *} matches any run of characters). */
    public static Map<String, String> filter(Map<String, String> environment, List<String> patterns) {
        List<Pattern> compiled = patterns.stream().map(String::trim).filter(p -> !p.isEmpty()).map(EnvironmentAllowList::glob).toList();
        Map<String, String> allowed = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (compiled.stream().anyMatch(p -> p.matcher(name).matches())) {
                allowed.put(name, value);
            }
        });
        return allowed;
    }

    /** The patterns of a comma-separated list (CONNECTOPS_ALLOW_ENV). */
    public static List<String> split(String list) {
        return list == null ? List.of() : List.of(list.split(","));
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*")));
    }
}
