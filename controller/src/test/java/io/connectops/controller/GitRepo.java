package io.connectops.controller;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository on disk for tests: write files, commit, force-push style resets. */
final class GitRepo implements AutoCloseable {
    final Path dir;
    final Git git;

    GitRepo(Path dir) throws Exception {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    GitRepo write(String file, String text) throws Exception {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return this;
    }

    GitRepo delete(String file) throws Exception {
        Files.deleteIfExists(dir.resolve(file));
        return this;
    }

    String commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("test", "test@example.com");
        RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        return commit.name();
    }

    @Override
    public void close() {
        git.close();
    }
}
