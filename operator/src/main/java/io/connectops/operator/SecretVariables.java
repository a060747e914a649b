package io.connectops.operator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.model.InvalidInputException;

/**
 * The Secrets labelled {@code connectops.io/variables}: each key a secret variable of the declarations in the operator's
 * namespaces (Sealed Secrets work unchanged), masked everywhere it could print.
 */
final class SecretVariables {
    private SecretVariables() {
    }

    /** The keys of the labelled Secrets as secret variables (as written, and as a jq name); the same key twice is an error. */
    static Map<String, io.connectops.render.Variable> of(List<io.fabric8.kubernetes.api.model.Secret> secrets) {
        Map<String, io.connectops.render.Variable> variables = new LinkedHashMap<>();
        List<io.connectops.model.Diagnostic> problems = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Secret secret : secrets) {
            Map<String, String> values = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> values.put(k, new String(java.util.Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (secret.getStringData() != null) {
                values.putAll(secret.getStringData());
            }
            io.connectops.model.SourceLocation origin = new io.connectops.model.SourceLocation(ResourceDocuments.key(secret), 0, 0);
            values.forEach((name, value) -> {
                io.connectops.render.Variable earlier = variables.get(name);
                if (earlier != null && !earlier.value().equals(value)) {
                    problems.add(new io.connectops.model.Diagnostic(origin, "variable '" + name + "' is also set, differently, by "
                            + earlier.origin().file() + ": keep one"));
                    return;
                }
                variables.put(name, new io.connectops.render.Variable(name, value, true, origin));
                variables.putIfAbsent(io.connectops.render.Variables.jqName(name),
                        new io.connectops.render.Variable(io.connectops.render.Variables.jqName(name), value, true, origin));
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return variables;
    }
}
