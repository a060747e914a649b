package io.connectops.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.connectops.model.SourceLocation;

/**
 * Every variable a render may use: the ones from files (values files, properties directories, secrets
 * directories) by name, and the allowed environment under {@code env.}. An environment variable is
 * secret when its name says so ({@link EnvironmentAllowList#DEFAULT_SECRET_PATTERNS}, or what the user
 * marks); every other one is an ordinary variable and prints.
 */
public final class Variables {
    public static final String ENV_PREFIX = "env.";
    private static final SourceLocation ENVIRONMENT = new SourceLocation("<environment>", 0, 0);

    private static final SourceLocation SYMBOLIC = new SourceLocation("<convert>", 0, 0);

    private final Map<String, Variable> byName;
    private final Map<String, String> environment;
    private final boolean symbolic;
    /** Names of environment variables that are secret. */
    private final java.util.Set<String> secretEnvironment;

    /** With the default secret name patterns for the environment. */
    public Variables(Map<String, Variable> byName, Map<String, String> environment) {
        this(byName, environment, EnvironmentAllowList.filter(environment, EnvironmentAllowList.DEFAULT_SECRET_PATTERNS).keySet(), false);
    }

    public Variables(Map<String, Variable> byName, Map<String, String> environment, java.util.Set<String> secretEnvironment) {
        this(byName, environment, secretEnvironment, false);
    }

    private Variables(Map<String, Variable> byName, Map<String, String> environment, java.util.Set<String> secretEnvironment,
                      boolean symbolic) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.environment = Map.copyOf(environment);
        this.secretEnvironment = java.util.Set.copyOf(secretEnvironment);
        this.symbolic = symbolic;
    }

    /**
     * These variables and {@code more} (which win on a name both have): variables from another source, such as
     * the Kubernetes Secrets the operator reads.
     */
    public Variables with(Map<String, Variable> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, Variable> merged = new LinkedHashMap<>(byName);
        merged.putAll(more);
        return new Variables(merged, environment, secretEnvironment, symbolic);
    }

    /** True when environment variable {@code name} is secret. */
    public boolean isSecretEnvironment(String name) {
        return secretEnvironment.contains(name);
    }

    /** These variables with {@code secret} values in place of every secret one: for following what secrets reach (taint). */
    public Variables withSecretsReplaced(java.util.function.UnaryOperator<String> secret) {
        Map<String, Variable> vars = new LinkedHashMap<>();
        byName.forEach((name, v) -> vars.put(name, v.secret() ? new Variable(v.name(), secret.apply(v.value()), true, v.origin()) : v));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.replaceAll((name, value) -> secretEnvironment.contains(name) ? secret.apply(value) : value);
        return new Variables(vars, env, secretEnvironment, symbolic);
    }

    /** Every secret value these variables hold (secret and sealed variables, secret environment variables): a run masks them all. */
    public java.util.List<String> secretValues() {
        java.util.List<String> values = new java.util.ArrayList<>();
        byName.values().stream().filter(Variable::secret).map(Variable::value).forEach(values::add);
        secretEnvironment.stream().map(environment::get).filter(java.util.Objects::nonNull).forEach(values::add);
        return values;
    }

    /** True when any variable is secret. */
    public boolean hasSecrets() {
        return !secretEnvironment.isEmpty() || byName.values().stream().anyMatch(Variable::secret);
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
        return new Variables(Map.of(), Map.of(), java.util.Set.of(), true);
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
            return value == null ? Optional.empty() : Optional.of(new Variable(reference, value, secretEnvironment.contains(name), ENVIRONMENT));
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
