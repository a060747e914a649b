package io.connectops.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.connectops.model.TeamSpec;

/** Reads a {@code Team} document (docs/teams.md), as written: it holds names, not configuration. */
final class TeamReader {
    private TeamReader() {
    }

    static TeamSpec team(Fields doc) {
        NativeReader.Metadata metadata = NativeReader.metadata(doc);
        doc.allowOnly("apiVersion", "kind", "metadata", "spec");
        Fields spec = doc.object("spec");
        if (spec == null) {
            doc.problem(null, "missing required field 'spec' (with 'paths' or 'namespaces', and 'owns')");
            return null;
        }
        spec.allowOnly("paths", "namespaces", "owns", "clusters");
        if (metadata != null && !metadata.name().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            doc.problem("metadata", "a team's name is its owner id: 1 to 63 lowercase letters, digits and '-' (e.g. orders)");
        }
        List<String> paths = new ArrayList<>();
        for (String path : spec.stringList("paths")) {
            String normal = path.replace('\\', '/').replaceAll("^\\./", "");
            if (normal.startsWith("/") || List.of(normal.split("/")).contains("..") || normal.isBlank()) {
                spec.problem("paths", "'" + path + "' is not a directory inside the repository: give it relative, without '..'");
                continue;
            }
            paths.add(normal.endsWith("/") ? normal : normal + "/");
        }
        List<String> namespaces = spec.stringList("namespaces");
        if (paths.isEmpty() && namespaces.isEmpty()) {
            spec.problem(null, "a team needs 'paths' (where its files are) or 'namespaces' (under the operator)");
        }
        Fields owns = spec.object("owns");
        TeamSpec.Owns names = new TeamSpec.Owns(List.of(), List.of(), List.of(), List.of());
        if (owns == null) {
            spec.problem(null, "missing required field 'spec.owns' (name prefixes: topics, connectors, groups, principals)");
        } else {
            owns.allowOnly("topics", "connectors", "groups", "principals");
            for (String principal : owns.stringList("principals")) {
                if (!principal.matches("[A-Za-z]+:.+")) {
                    owns.problem("principals", "'" + principal + "' is not a principal prefix: write it as ACLs do, Type:name (e.g. User:orders-)");
                }
            }
            names = new TeamSpec.Owns(nonEmpty(owns, "topics"), nonEmpty(owns, "connectors"), nonEmpty(owns, "groups"),
                    nonEmpty(owns, "principals"));
        }
        return metadata == null ? null : new TeamSpec(metadata.name(), paths, new LinkedHashSet<>(namespaces), names,
                new LinkedHashSet<>(spec.stringList("clusters")), metadata.location());
    }

    private static List<String> nonEmpty(Fields owns, String field) {
        List<String> prefixes = owns.stringList(field);
        if (prefixes.stream().anyMatch(String::isEmpty)) {
            owns.problem(field, "an empty prefix would give the team every name: give each prefix at least one character");
        }
        return prefixes;
    }
}
