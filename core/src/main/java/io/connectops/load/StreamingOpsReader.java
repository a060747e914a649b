package io.connectops.load;

import io.connectops.model.Diagnostic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectops.model.ConnectorSpec;
import io.connectops.model.DesiredState;
import io.connectops.model.RestartPolicy;
import io.connectops.model.SourceLocation;
import io.connectops.render.Variable;
import io.connectops.render.Variables;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * Reads streaming-ops connect-operator ConfigMaps: {@code kind: ConfigMap} labelled
 * {@code destination: connect}, each data key a jq program that yields {@code {name, config}}.
 * The program runs in jackson-jq (a jq for the JVM, no shell, no file access) with null input, as
 * {@code jq -n} did; {@code $X} is a properties variable (key upper-cased, dots to underscores) and
 * {@code env.X} / {@code $ENV.X} an environment variable.
 *
 * <p>Where the original differed from what users need, this follows the issue: every data key counts
 * (the original took only the first on events); the label {@code enabled: "false"} means "must not
 * exist" and a missing label means enabled (the original deleted unless "true"); a null config value
 * is an error and a number becomes its text; a {@code destination.cc} label (Confluent Cloud) is
 * reported as unsupported.
 */
final class StreamingOpsReader {
    static final String DESTINATION_LABEL = "destination";
    static final String DESTINATION = "connect";
    static final String CLOUD_LABEL = "destination.cc";
    static final String ENABLED_LABEL = "enabled";
    static final String CLUSTER_LABEL = "connectops.io/cluster";
    private static final long TIMEOUT_MS = 5_000;
    private static final Pattern JQ_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ENV_REFERENCE = Pattern.compile(
            "(?:\\benv|\\$ENV)\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*\"([^\"]+)\"\\s*])");
    private static final Pattern UNDEFINED = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*) is not defined");

    private StreamingOpsReader() {
    }

    /** True for a ConfigMap meant for Connect, the only ConfigMaps connectops reads. */
    static boolean isConnectConfigMap(JsonNode root) {
        return "v1".equals(root.path("apiVersion").asText()) && "ConfigMap".equals(root.path("kind").asText())
                && DESTINATION.equals(root.path("metadata").path("labels").path(DESTINATION_LABEL).asText(null));
    }

    static List<ConnectorSpec> connectors(Fields doc, Variables variables, List<Diagnostic> warnings) {
        List<ConnectorSpec> result = new ArrayList<>();
        doc.allowOnly("apiVersion", "kind", "metadata", "data", "binaryData", "immutable");
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        if (metadata == null) {
            return result;
        }
        Map<String, String> labels = metadata.labels();
        if (labels.containsKey(CLOUD_LABEL)) {
            warnings.add(new Diagnostic(metadata.location(), "skipped: ConfigMap '" + metadata.name() + "' targets Confluent Cloud ('"
                    + CLOUD_LABEL + ": " + labels.get(CLOUD_LABEL) + "'); connectops manages self-managed Connect clusters only, "
                    + "so Confluent Cloud connectors are unsupported"));
            return result;
        }
        DesiredState state = DesiredState.RUNNING;
        String enabled = labels.get(ENABLED_LABEL);
        if (enabled != null) {
            switch (enabled.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> state = DesiredState.RUNNING;
                case "false" -> state = DesiredState.ABSENT;
                default -> {
                    doc.problem("metadata", "label '" + ENABLED_LABEL + "' is '" + enabled + "': use \"true\" or \"false\"");
                    return result;
                }
            }
        }
        Fields data = doc.object("data");
        if (data == null) {
            warnings.add(new Diagnostic(metadata.location(), "ConfigMap '" + metadata.name() + "' has no data: no connector in it"));
            return result;
        }
        Iterator<String> keys = data.node().fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            String program = data.string(key);
            if (program == null) {
                continue;
            }
            ConnectorSpec spec = evaluate(data, key, program, metadata, state, labels.get(CLUSTER_LABEL), variables);
            if (spec != null) {
                result.add(spec);
            }
        }
        return result;
    }

    private static ConnectorSpec evaluate(Fields data, String key, String program, NativeReader.Metadata metadata,
                                          DesiredState state, String cluster, Variables given) {
        SourceLocation at = data.locationOf(key);
        String where = "data key '" + key + "'";
        Variables variables = given.isSymbolic() ? symbolicFor(program) : given;
        Set<String> envNames = envReferences(program);
        List<String> missingEnv = envNames.stream().filter(n -> !variables.environment().containsKey(n)).toList();
        if (!missingEnv.isEmpty()) {
            data.problem(key, where + ": environment variable" + (missingEnv.size() > 1 ? "s " : " ") + String.join(", ", missingEnv)
                    + (missingEnv.size() > 1 ? " are" : " is") + " not set or not allowed (read as env." + missingEnv.get(0)
                    + "; allow it with --allow-env " + missingEnv.get(0) + " or CONNECTOPS_ALLOW_ENV)");
            return null;
        }
        // Secret values are kept out of all output (the run's redactor has every secret variable); which config values
        // they reach is found by taint below.

        List<JsonNode> outputs;
        try {
            outputs = run(program, variables);
        } catch (JsonQueryException e) {
            Matcher undefined = UNDEFINED.matcher(String.valueOf(e.getMessage()));
            if (undefined.find()) {
                data.problem(key, where + ": variable $" + undefined.group(1) + " is not defined: add a line '"
                        + undefined.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '.')
                        + "=...' to a properties file in --vars-dir or --secrets-dir");
            } else {
                data.problem(key, where + ": the jq program fails: " + e.getMessage());
            }
            return null;
        } catch (TimeoutException e) {
            data.problem(key, where + ": the jq program did not finish in " + TIMEOUT_MS / 1000 + " s");
            return null;
        }
        if (outputs.size() != 1 || !outputs.get(0).isObject()) {
            data.problem(key, where + ": the jq program must produce exactly one object {\"name\": ..., \"config\": {...}}, it produced "
                    + (outputs.size() == 1 ? "a " + outputs.get(0).getNodeType().name().toLowerCase(java.util.Locale.ROOT) : outputs.size() + " values"));
            return null;
        }
        JsonNode connector = outputs.get(0);
        Set<String> tainted;
        try {
            tainted = given.isSymbolic() ? Set.of() : taint(program, variables, connector);
        } catch (JsonQueryException | TimeoutException e) {
            // It cannot run with other secrets (a secret read as a number, say): then every value may hold one.
            tainted = new LinkedHashSet<>();
            connector.path("config").fieldNames().forEachRemaining(tainted::add);
        }
        if (tainted.contains("name")) {
            data.problem(key, where + ": the connector's name is computed from a secret variable: a name prints everywhere; "
                    + "compute it from ordinary variables");
            return null;
        }
        JsonNode nameNode = connector.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            data.problem(key, where + ": the connector document needs a \"name\" (text)");
            return null;
        }
        String name = nameNode.asText();
        JsonNode configNode = connector.get("config");
        if (configNode == null || !configNode.isObject()) {
            data.problem(key, where + ": connector '" + name + "' needs a \"config\" object");
            return null;
        }
        Map<String, String> config = new LinkedHashMap<>();
        boolean ok = true;
        Iterator<Map.Entry<String, JsonNode>> fields = configNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                data.problemAt(lineOf(data, key, program, field.getKey(), at), where + ": config key '" + field.getKey() + "' of connector '"
                        + name + "' is null: the jq program read something that is not there (an unset env.X?); Connect needs a text value");
                ok = false;
            } else if (value.isContainerNode()) {
                data.problemAt(lineOf(data, key, program, field.getKey(), at), where + ": config key '" + field.getKey() + "' of connector '"
                        + name + "' must be a single value, not a " + (value.isArray() ? "list" : "object"));
                ok = false;
            } else {
                config.put(field.getKey(), value.asText());
            }
        }
        String configName = config.remove("name");
        if (configName != null && !configName.equals(name)) {
            data.problem(key, where + ": config \"name\" is '" + configName + "' but the document's \"name\" is '" + name + "'");
            ok = false;
        }
        String connectorClass = config.remove("connector.class");
        if (connectorClass == null) {
            data.problem(key, where + ": connector '" + name + "' has no \"connector.class\" in its config");
            ok = false;
        }
        Integer tasksMax = null;
        String tasks = config.get("tasks.max");
        if (tasks != null && tasks.strip().matches("[1-9][0-9]{0,8}")) {
            tasksMax = Integer.parseInt(tasks.strip());
            config.remove("tasks.max");
        }
        if (!ok) {
            return null;
        }
        Map<String, SourceLocation> keyLocations = new HashMap<>();
        keyLocations.put("name", lineOf(data, key, program, "name", at));
        keyLocations.put("connector.class", lineOf(data, key, program, "connector.class", at));
        keyLocations.put("tasks.max", lineOf(data, key, program, "tasks.max", at));
        config.keySet().forEach(k -> keyLocations.put(k, lineOf(data, key, program, k, at)));
        Set<String> sensitive = new LinkedHashSet<>();
        config.keySet().stream().filter(tainted::contains).forEach(sensitive::add);
        return new ConnectorSpec(name, metadata.labels(), cluster, connectorClass, tasksMax, state, config, RestartPolicy.DEFAULT,
                null, at, keyLocations, sensitive);
    }

    /**
     * Where config key {@code configKey} is written in the jq program (its first {@code "key":}), when
     * the program is a literal block ({@code |}); else the data key's own location.
     */
    private static SourceLocation lineOf(Fields data, String dataKey, String program, String configKey, SourceLocation fallback) {
        Pattern written = Pattern.compile("\"" + Pattern.quote(configKey) + "\"\\s*:");
        String[] lines = program.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = written.matcher(lines[i]);
            if (matcher.find()) {
                SourceLocation inBlock = data.document().inBlock(data.pointerOf(dataKey), i, matcher.start());
                return inBlock == null ? fallback : inBlock;
            }
        }
        return fallback;
    }

    /**
     * Which config keys (and whether the name) a secret input reaches, however the program transforms it
     * (reversed, base64, split, concatenated into a URL): the program runs a second time with every secret
     * input changed, and what comes out different was computed from a secret. Whole values are then
     * sensitive; nothing is found again by searching text, so a value that merely contains the same
     * characters as a secret is not masked because of it.
     */
    private static Set<String> taint(String program, Variables variables, JsonNode connector) throws JsonQueryException, TimeoutException {
        if (!variables.hasSecrets()) {
            return Set.of();
        }
        Variables changed = variables.withSecretsReplaced(value -> "\u2063" + new StringBuilder(value).reverse() + "#connectops-taint#");
        List<JsonNode> again = run(program, changed);
        JsonNode other = again.size() == 1 && again.get(0).isObject() ? again.get(0) : null;
        Set<String> tainted = new LinkedHashSet<>();
        if (other == null || !connector.path("name").equals(other.path("name"))) {
            tainted.add("name");
        }
        JsonNode config = connector.path("config");
        JsonNode otherConfig = other == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : other.path("config");
        config.fieldNames().forEachRemaining(k -> {
            if (!config.get(k).equals(otherConfig.get(k))) {
                tainted.add(k);
            }
        });
        return tainted;
    }

    /** Runs the program in the sandbox: only connectops' variables, bounded in size, depth, iterations, output and time. */
    private static List<JsonNode> run(String program, Variables variables) throws JsonQueryException, TimeoutException {
        Map<String, String> bindings = new LinkedHashMap<>();
        variables.fromFiles().forEach((name, variable) -> {
            if (JQ_IDENTIFIER.matcher(name).matches()) {
                bindings.put(name, variable.value());
            }
        });
        return JqSandbox.run(program, bindings, variables.environment(), TIMEOUT_MS);
    }

    /** For convert: every $X and env.X the program names, bound to the template that stands for it. */
    private static Variables symbolicFor(String program) {
        Map<String, Variable> vars = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(program);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.equals("ENV") || name.startsWith("__")) {
                continue;
            }
            vars.put(name, new Variable(name, "{{ " + name + " }}", false, SourceLocation.UNKNOWN));
        }
        Map<String, String> env = new LinkedHashMap<>();
        envReferences(program).forEach(name -> env.put(name, "{{ env." + name + " }}"));
        return new Variables(vars, env);
    }

    static Set<String> envReferences(String program) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = ENV_REFERENCE.matcher(program);
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return names;
    }

}
