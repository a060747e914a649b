package io.connectops.policy;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.connectops.model.SourceLocation;
import io.connectops.model.TeamSpec;

/**
 * Which team a declaration belongs to: by the directory of its file, relative to the repository (or, for the CLI, the
 * working directory), the longest matching team path winning; under the operator, by its namespace (a document is
 * named namespace/Kind/name).
 */
public final class TeamMembership {
    private final List<TeamSpec> teams;
    private final Path root;
    private final String namespace;

    private TeamMembership(List<TeamSpec> teams, Path root, String namespace) {
        this.teams = List.copyOf(teams);
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.namespace = namespace;
    }

    /** Files under {@code root} (the repository, or the working directory). */
    public static TeamMembership files(List<TeamSpec> teams, Path root) {
        return new TeamMembership(teams, root, null);
    }

    /** Documents of one namespace (the operator). */
    public static TeamMembership namespace(List<TeamSpec> teams, String namespace) {
        return new TeamMembership(teams, null, namespace);
    }

    public List<TeamSpec> teams() {
        return teams;
    }

    /** The team of what is declared at {@code at}, if any. */
    public Optional<TeamSpec> of(SourceLocation at) {
        if (at == null || teams.isEmpty()) {
            return Optional.empty();
        }
        if (namespace != null) {
            return teams.stream().filter(t -> t.namespaces().contains(namespace)).findFirst();
        }
        String relative = relative(at.file());
        if (relative == null) {
            return Optional.empty();
        }
        return teams.stream().flatMap(t -> t.paths().stream().filter(relative::startsWith).map(p -> new Object[] {t, p}))
                .max(Comparator.comparingInt(pair -> ((String) pair[1]).length())).map(pair -> (TeamSpec) pair[0]);
    }

    /** {@code file} relative to the root with '/' separators, or null when it is not under the root (standard input). */
    private String relative(String file) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            return path.startsWith(root) ? root.relativize(path).toString().replace('\\', '/') : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
