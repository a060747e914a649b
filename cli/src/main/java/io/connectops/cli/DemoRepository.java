package io.connectops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** The demo's Git repository: examples/*.yaml under connect/, one commit on main. */
final class DemoRepository {
    private DemoRepository() {
    }

    static List<String> files(Path examples) throws IOException {
        try (Stream<Path> list = Files.list(examples)) {
            // The demo writes its own cluster.yaml: the controller's cluster and owner id.
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("cluster.yaml")).sorted().toList();
        }
    }

    /**
     * Moves the previous demo's repository aside when it holds commits besides the demo's own (the tour's): a second demo
     * never deletes someone's work. The new place, or empty when there was nothing of the user's to keep.
     */
    static java.util.Optional<Path> keepPrevious(Path repo, java.time.Clock clock) throws Exception {
        if (!Files.isDirectory(repo.resolve(".git"))) {
            return java.util.Optional.empty();
        }
        long commits;
        try (Git git = Git.open(repo.toFile())) {
            commits = git.getRepository().resolve("HEAD") == null ? 0 : java.util.stream.StreamSupport.stream(git.log().call().spliterator(), false).count();
        } catch (Exception unreadable) {
            commits = 0; // not a repository the demo can read: nothing to keep
        }
        if (commits <= 1) {
            return java.util.Optional.empty();
        }
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(clock.instant());
        Path kept = repo.resolveSibling(repo.getFileName() + "-" + stamp);
        Files.move(repo, kept);
        return java.util.Optional.of(kept);
    }

    /** A fresh repository at {@code repo}; the commit's id. */
    static String create(Path examples, Path repo, String connectUrl) throws Exception {
        deleteRecursively(repo);
        Path connect = Files.createDirectories(repo.resolve("connect"));
        for (String file : files(examples)) {
            Files.copy(examples.resolve(file), connect.resolve(file));
        }
        // The controller owns what this repository declares under its own owner id, so the CLI's
        // examples (owner "connectops") never fight it: each leaves the other's connectors alone.
        Files.writeString(connect.resolve("cluster.yaml"), """
                # The Connect cluster the demo's controller manages, and the owner id it marks its connectors with.
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: demo}
                spec:
                  url: %s
                  ownership: {owner: demo}
                """.formatted(connectUrl));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            // An identity of its own, so 'git commit' works there for a user who has none configured.
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "connectops demo");
            config.setString("user", null, "email", "demo@connectops.invalid");
            config.save();
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("connectops demo", "demo@connectops.invalid");
            return git.commit().setMessage("examples").setAuthor(who).setCommitter(who).setSign(false).call().name();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
