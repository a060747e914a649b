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

    /** Under the operator: a namespace declares its own clusters (its RBAC says who may), so they are not the platform's. */
    public boolean byNamespace() {
        return namespace != null;
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
            // Only the namespace's own documents (named namespace/Kind/name), not the operator's --policy files.
            return at.file().startsWith(namespace + "/") ? teams.stream().filter(t -> t.namespaces().contains(namespace)).findFirst()
                    : Optional.empty();
        }
        String relative = relative(at.file());
        if (relative == null) {
            return Optional.empty();
        }
        return teams.stream().flatMap(t -> t.paths().stream().filter(relative::startsWith).map(p -> new Object[] {t, p}))
                .max(Comparator.comparingInt(pair -> ((String) pair[1]).length())).map(pair -> (TeamSpec) pair[0]);
    }

    /**
     * The owner id each team's declaration is made under, and whose resources this run acts for: a team whose
     * directory {@code paths} (the -f paths) contain or lie in, and the platform when the run declares a resource
     * outside the team directories (a team's run, with the platform's cluster files beside it, never prunes what the
     * platform made); under the operator, the namespace's team, or the platform when it has none.
     */
    public io.connectops.model.TeamOwners owners(List<PolicyObjects.PolicyObject> objects, List<String> paths) {
        if (teams.isEmpty()) {
            return io.connectops.model.TeamOwners.NONE;
        }
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        boolean platformDeclares = false;
        for (PolicyObjects.PolicyObject object : objects) {
            Optional<TeamSpec> team = of(object.source());
            team.ifPresent(t -> owners.put(io.connectops.model.TeamOwners.key(object.cluster(),
                    io.connectops.model.ResourceId.claimKey(object.kind(), object.name())), t.name()));
            platformDeclares |= team.isEmpty() && !object.kind().endsWith("Cluster");
        }
        java.util.Set<String> acting = new java.util.HashSet<>();
        boolean platform;
        if (namespace != null) {
            teams.stream().filter(t -> t.namespaces().contains(namespace)).forEach(t -> acting.add(t.name()));
            platform = acting.isEmpty();
        } else {
            platform = platformDeclares;
            for (String given : paths) {
                String relative = given.equals("-") ? null : relative(given);
                if (relative == null) {
                    continue;
                }
                String dir = relative.isEmpty() || relative.endsWith("/") ? relative : relative + "/";
                for (TeamSpec team : teams) {
                    team.paths().stream().filter(teamPath -> teamPath.startsWith(dir) || dir.startsWith(teamPath)).findAny()
                            .ifPresent(teamPath -> acting.add(team.name()));
                }
            }
        }
        return new io.connectops.model.TeamOwners(owners, acting, platform);
    }

    /** The objects with the team that declares each. */
    public List<PolicyObjects.PolicyObject> withTeams(List<PolicyObjects.PolicyObject> objects) {
        return objects.stream().map(o -> of(o.source()).map(t -> o.withTeam(t.name())).orElse(o)).toList();
    }

    /** {@code file} relative to the root with '/' separators, or null when it is not under the root (standard input). */
    private String relative(String file) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            String relative = path.startsWith(root) ? root.relativize(path).toString().replace('\\', '/') : null;
            return relative != null && java.nio.file.Files.isDirectory(path) && !relative.isEmpty() ? relative + "/" : relative;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
