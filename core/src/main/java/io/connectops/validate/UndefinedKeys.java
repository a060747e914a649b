package io.connectops.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.connectops.model.ConnectorSpec;
import io.connectops.model.DidYouMean;

/**
 * Keys of {@code spec.config} that neither the plugin nor Connect defines, from the definitions Connect's validate answer
 * lists. Connect accepts such a key and nothing reads it, so a typo ({@code tpoic}, {@code tasksmax}) would pass
 * silently: each is a warning at the key's own line, with the nearest defined key. Warnings, not errors: plugins may
 * read keys they do not list, and the families below are open by design.
 */
final class UndefinedKeys {
    /** Key families whose members are defined elsewhere: per transform, predicate or converter, and client overrides. */
    private static final List<String> OPEN_PREFIXES = List.of("transforms.", "predicates.", "key.converter.", "value.converter.",
            "header.converter.", "producer.override.", "consumer.override.", "admin.override.", "errors.");

    private UndefinedKeys() {
    }

    /** One warning per undefined key, each naming its file:line; none when the answer listed no definitions. */
    static List<String> of(ConnectorSpec spec, Set<String> defined) {
        List<String> warnings = new ArrayList<>();
        if (defined.isEmpty()) {
            return warnings;
        }
        List<String> candidates = defined.stream().sorted().toList(); // a tie goes the same way every run
        for (String key : spec.config().keySet()) {
            if (defined.contains(key) || OPEN_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String suggestion = DidYouMean.closest(key, candidates).map(OnlineValidator::keyName)
                    .map(s -> " (did you mean '" + s + "'?)").orElse("");
            warnings.add(spec.locationOf(key) + ": spec.config." + key + " is not a setting of " + spec.connectorClass()
                    + suggestion + ": Connect keeps it, and nothing reads it");
        }
        return warnings;
    }
}
