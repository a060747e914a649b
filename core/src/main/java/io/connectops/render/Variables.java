package io.connectops.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.connectops.model.SourceLocation;

/**
 * Every variable a render may use: the ones from files (values files, properties directories, secrets
 * directories) by name, and the environment under {@code env.}. Values from the environment count as
 * secret: connectops cannot tell which of them are, and CI systems hand secrets over that way.
 */
public final class Variables {
    public static final String ENV_PREFIX = "env.";
    private static final SourceLocation ENVIRONMENT = new SourceLocation("<environment>", 0, 0);

    private static final SourceLocation SYMBOLIC = new SourceLocation("<convert>", 0, 0);

    private final Map<String, Variable> byName;
    private final Map<String, String> environment;
    private final boolean symbolic;

    public Variables(Map<String, Variable> byName, Map<String, String> environment) {
        this(byName, environment, false);
    }

    private Variables(Map<String, Variable> byName, Map<String, String> environment, boolean symbolic) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.environment = Map.copyOf(environment);
        this.symbolic = symbolic;
    }

    public static Variables none() {
        return new Variables(Map.of(), Map.of());
    }

    /**
     * Variables that stand for themselves: every name renders as the template {@code {{ NAME }}}.
     * {@code connectops convert} renders with these, so a jq {@code $SCHEMA_REGISTRY_URL} becomes
     * {@code {{ SCHEMA_REGISTRY_URL }}} in the native output and no value, secret or not, is needed or shown.
     */
    public static Variables symbolic() {
        return new Variables(Map.of(), Map.of(), true);
    }

    public boolean isSymbolic() {
        return symbolic;
    }

    /** A reference as written in a template: {@code NAME} or {@code env.NAME}. */
    public Optional<Variable> lookup(String reference) {
        if (symbolic) {
            return Optional.of(new Variable(reference, "{{ " + reference + " }}", false, SYMBOLIC));
        }
        if (reference.startsWith(ENV_PREFIX)) {
            String name = reference.substring(ENV_PREFIX.length());
            String value = environment.get(name);
            return value == null ? Optional.empty() : Optional.of(new Variable(reference, value, true, ENVIRONMENT));
        }
        return Optional.ofNullable(byName.get(reference));
    }

    /** The variables from files, by name (each properties key is there twice: as written and as jq names it). */
    public Map<String, Variable> fromFiles() {
        return byName;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** How streaming-ops' load_configs named a properties key for jq: upper case, dots to underscores. */
    public static String jqName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
