package io.connectops.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.connectops.concurrent.Pools;
import io.connectops.connect.ConfigValidation;
import io.connectops.connect.ConnectApiException;
import io.connectops.connect.ConnectApi;
import io.connectops.connect.ConnectClient;
import io.connectops.connect.PluginInfo;
import io.connectops.model.Diagnostic;
import io.connectops.model.ConnectorSpec;

/**
 * Asks the cluster's plugins whether each config that will be written is valid
 * ({@code PUT /connector-plugins/{class}/config/validate}). Reports per-key errors against the file,
 * and a plugin that is not installed as such, with the installed plugins of that kind.
 */
public final class OnlineValidator {
    /**
     * The problems found, the keys plugins declare as PASSWORD (to mask), and per connector the warnings: keys of
     * spec.config nothing defines (each with its file:line).
     */
    public record Result(List<Diagnostic> problems, Set<String> passwordKeys, Map<String, List<String>> warnings) {
        public Result {
            problems = List.copyOf(problems);
            passwordKeys = Set.copyOf(passwordKeys);
            warnings = Map.copyOf(warnings);
        }
    }

    private OnlineValidator() {
    }

    /** The cluster could not validate (unreachable, a server error): not a verdict on the input. */
    public static final class ClusterUnavailableException extends RuntimeException {
        ClusterUnavailableException(String message) {
            super(message);
        }
    }

    public static Result validate(List<ConnectorSpec> connectors, ConnectApi client, int parallelism) {
        if (connectors.isEmpty()) {
            return new Result(List.of(), Set.of(), Map.of());
        }
        ExecutorService pool = Pools.bounded("validate", parallelism, connectors.size());
        List<Diagnostic> problems = new ArrayList<>();
        Set<String> passwords = new HashSet<>();
        Map<String, List<String>> warnings = new java.util.HashMap<>();
        List<PluginInfo>[] plugins = new List[1];
        try {
            List<Future<ConfigValidation>> futures = new ArrayList<>();
            for (ConnectorSpec spec : connectors) {
                Map<String, String> config = new java.util.LinkedHashMap<>(spec.connectConfig());
                config.put("name", spec.name());
                futures.add(pool.submit(() -> client.validate(spec.connectorClass(), config)));
            }
            for (int i = 0; i < connectors.size(); i++) {
                ConnectorSpec spec = connectors.get(i);
                try {
                    ConfigValidation validation = futures.get(i).get();
                    passwords.addAll(validation.passwordKeys());
                    List<String> undefined = UndefinedKeys.of(spec, validation.definedKeys());
                    if (!undefined.isEmpty()) {
                        warnings.put(spec.name(), undefined);
                    }
                    for (ConfigValidation.KeyError error : validation.errors()) {
                        problems.add(new Diagnostic(spec.locationOf(error.key()), "connector '" + spec.name() + "': " + keyName(error.key()) + ": "
                                + String.join("; ", error.messages())));
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof ConnectApiException api && (api.status() == 500 || api.status() == 404 || api.status() == 400)
                            && !api.isRetryable()) {
                        if (plugins[0] == null) {
                            plugins[0] = client.connectorPlugins();
                        }
                        Diagnostic problem = missingPlugin(spec, plugins[0], api);
                        if (problem == null) {
                            // The plugin is there and the server failed: the cluster's trouble, not the input's.
                            throw new ClusterUnavailableException("cannot validate connector '" + spec.name() + "': " + api.getMessage());
                        }
                        problems.add(problem);
                    } else {
                        // Unreachable, timed out, or an error the REST API calls transient: tried again later, never "invalid".
                        throw new ClusterUnavailableException("cannot validate connector '" + spec.name() + "': " + e.getCause().getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(problems, passwords, warnings);
    }

    /** Where a Connect key is declared in a connectops file. */
    static String keyName(String key) {
        return switch (key) {
            case "connector.class" -> "spec.class";
            case "tasks.max" -> "spec.tasksMax";
            case "name" -> "metadata.name";
            default -> "spec.config." + key;
        };
    }

    private static Diagnostic missingPlugin(ConnectorSpec spec, List<PluginInfo> plugins, ConnectApiException error) {
        String wanted = spec.connectorClass();
        boolean installed = plugins.stream().anyMatch(p -> p.className().equals(wanted) || p.alias().equals(wanted));
        if (installed) {
            if (error.status() >= 500) {
                return null;
            }
            return new Diagnostic(spec.source(), "connector '" + spec.name() + "': the cluster rejected the config: " + error.connectMessage());
        }
        String type = wanted.toLowerCase(java.util.Locale.ROOT).contains("sink") ? "sink"
                : wanted.toLowerCase(java.util.Locale.ROOT).contains("source") ? "source" : null;
        String list = plugins.stream()
                .filter(p -> type == null || p.type().equals(type))
                .map(p -> p.className() + " (" + p.version() + ")")
                .sorted().collect(Collectors.joining(", "));
        // A typo in the package or the simple name: compare with both forms of every installed class.
        java.util.Map<String, String> forms = new java.util.LinkedHashMap<>();
        for (PluginInfo p : plugins) {
            forms.putIfAbsent(p.className(), p.className());
            forms.putIfAbsent(p.className().substring(p.className().lastIndexOf('.') + 1), p.className());
        }
        String simple = wanted.substring(wanted.lastIndexOf('.') + 1);
        String suggestion = io.connectops.model.DidYouMean.closest(wanted, List.copyOf(forms.keySet()))
                .or(() -> io.connectops.model.DidYouMean.closest(simple, List.copyOf(forms.keySet())))
                .map(forms::get).map(s -> " (did you mean '" + s + "'?)").orElse("");
        return new Diagnostic(spec.locationOf("connector.class"), "connector '" + spec.name() + "': plugin '" + wanted + "' (spec.class) is not installed on "
                + "the cluster" + suggestion + "; installed " + (type == null ? "connector" : type) + " plugins: " + (list.isEmpty() ? "none" : list));
    }
}
