package io.connectops.controller;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The Git source: a working copy of one branch in a cache directory, moved to the remote branch's
 * head on every {@link #fetch()}. A force-push is followed (the working copy is reset, not merged);
 * a deleted branch or an unreachable remote is an exception, and the working copy keeps the last good
 * revision.
 */
public final class GitSource implements DesiredSource {
    /** One commit of the branch, checked out at {@code worktree}. */
    public record Revision(String sha, Path worktree, String message, String author, java.time.Instant time)
            implements DesiredSource.Revision {
    }

    /**
     * How to authenticate: an HTTPS token, an SSH private key, or nothing (local paths, public repos).
     *
     * @param knownHosts the SSH host keys to trust (OpenSSH known_hosts format); null for ~/.ssh/known_hosts
     */
    public record Auth(String username, String token, Path sshKey, Path knownHosts) {
        public static final Auth NONE = new Auth(null, null, null, null);
    }

    private static final int TIMEOUT_SECONDS = 30;

    private final String uri;
    private final String branch;
    private final Path dir;
    private final Auth auth;
    private final SshdSessionFactory sshFactory;
    private Git git;

    public GitSource(String repository, String branch, Path cacheDir, Auth auth) {
        Path local = Path.of(repository);
        this.uri = !repository.contains("://") && !repository.contains("@") && Files.isDirectory(local)
                ? local.toAbsolutePath().toUri().toString() : repository;
        this.branch = branch;
        this.dir = cacheDir.resolve("repository");
        this.auth = auth;
        this.sshFactory = auth.sshKey() == null ? null : new SshdSessionFactoryBuilder()
                .setHomeDirectory(FS.DETECTED.userHome())
                .setSshDirectory(sshDirectory(cacheDir, auth))
                .setDefaultIdentities(ignored -> List.of(auth.sshKey()))
                .build(new JGitKeyCache());
    }

    /**
     * ~/.ssh, or, with a known_hosts file of its own (a mounted secret in a container), a private
     * directory holding a copy of it: JGit reads host keys from the SSH directory, and an unknown
     * host is refused, never trusted on first use.
     */
    private static File sshDirectory(Path cacheDir, Auth auth) {
        if (auth.knownHosts() == null) {
            return new File(FS.DETECTED.userHome(), ".ssh");
        }
        try {
            Path dir = io.connectops.files.PrivateFiles.createDirectories(cacheDir.resolve("ssh"));
            Files.copy(auth.knownHosts(), dir.resolve("known_hosts"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return dir.toFile();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --ssh-known-hosts " + auth.knownHosts() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String displayName(String file) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        return file != null && file.startsWith(prefix) ? file.substring(prefix.length()) : file;
    }

    @Override
    public String uri() {
        return uri;
    }

    public String branch() {
        return branch;
    }

    /** Fetches the branch and checks its head out; the revision it is at now. */
    @Override
    public synchronized Revision fetch() throws GitSourceException {
        try {
            if (git == null) {
                open();
            }
            configure(git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                    .setRefSpecs("+refs/heads/" + branch + ":refs/remotes/origin/" + branch)).call();
            Ref remote = git.getRepository().exactRef("refs/remotes/origin/" + branch);
            if (remote == null) {
                throw new GitSourceException("branch '" + branch + "' does not exist (any more) on " + uri);
            }
            ObjectId head = remote.getObjectId();
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
            git.clean().setCleanDirectories(true).setForce(true).call();
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit commit = walk.parseCommit(head);
                return new Revision(head.name(), dir, commit.getShortMessage(), commit.getAuthorIdent().getName(),
                        java.time.Instant.ofEpochSecond(commit.getCommitTime()));
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof GitSourceException g) {
                throw g;
            }
            if (String.valueOf(e.getMessage()).contains("does not have refs/heads/" + branch)) {
                throw new GitSourceException("branch '" + branch + "' does not exist (any more) on " + uri, e);
            }
            throw new GitSourceException("cannot fetch " + branch + " from " + uri + ": " + e.getMessage(), e);
        }
    }

    private void open() throws GitAPIException, IOException {
        if (Files.isDirectory(dir.resolve(".git"))) {
            git = Git.open(dir.toFile());
            git.getRepository().getConfig().setString("remote", "origin", "url", uri);
            noSymlinks();
            return;
        }
        io.connectops.files.PrivateFiles.createDirectories(dir.getParent());
        git = configure(Git.cloneRepository().setURI(uri).setDirectory(dir.toFile()).setBranch(branch).setNoCheckout(true)).call();
        noSymlinks();
    }

    /** A committed symbolic link is checked out as a small file holding its target: it never leads anywhere. */
    private void noSymlinks() throws IOException {
        var config = git.getRepository().getConfig();
        config.setBoolean("core", null, "symlinks", false);
        config.save();
    }

    private <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout(TIMEOUT_SECONDS);
        if (auth.token() != null) {
            CredentialsProvider credentials = new UsernamePasswordCredentialsProvider(
                    auth.username() == null ? "connectops" : auth.username(), auth.token());
            command.setCredentialsProvider(credentials);
        }
        if (sshFactory != null) {
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport ssh) {
                    ssh.setSshSessionFactory(sshFactory);
                }
            });
        }
        return command;
    }

    @Override
    public Loaded load(DesiredSource.Revision revision, ControllerOptions options, io.connectops.secrets.Redactor redactor) {
        return RevisionLoader.load((Revision) revision, options, redactor);
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
        }
        if (sshFactory != null) {
            sshFactory.close();
        }
    }

    /** The remote cannot be read, or the branch is gone: the message says which and where. */
    public static final class GitSourceException extends DesiredSource.SourceException {
        GitSourceException(String message) {
            super(message);
        }

        GitSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
