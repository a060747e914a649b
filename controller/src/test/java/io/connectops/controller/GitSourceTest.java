package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Git source against real repositories on disk: new commits, a force-push, a deleted branch, a vanished remote. */
class GitSourceTest {
    @TempDir
    Path tmp;

    @Test
    void followsTheBranchThroughForcePushesAndReportsADeletedBranch() throws Exception {
        try (GitRepo remote = new GitRepo(tmp.resolve("remote"));
             GitSource source = new GitSource(tmp.resolve("remote").toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE)) {
            String first = remote.write("connect/a.yaml", "a: 1\n").commit("first");
            GitSource.Revision r1 = source.fetch();
            assertEquals(first, r1.sha());
            assertEquals("first", r1.message());
            assertEquals("a: 1\n", Files.readString(r1.worktree().resolve("connect/a.yaml")));

            String second = remote.write("connect/b.yaml", "b: 2\n").commit("second");
            assertEquals(second, source.fetch().sha());
            assertTrue(Files.exists(r1.worktree().resolve("connect/b.yaml")));

            // A force-push: the branch goes back to the first commit and gets another one on top.
            remote.git.reset().setMode(ResetCommand.ResetType.HARD).setRef(first).call();
            String rewritten = remote.write("connect/c.yaml", "c: 3\n").commit("rewritten");
            GitSource.Revision r3 = source.fetch();
            assertEquals(rewritten, r3.sha());
            assertFalse(Files.exists(r3.worktree().resolve("connect/b.yaml")), "the working copy follows, files of the old history are gone");

            remote.git.branchCreate().setName("other").call();
            remote.git.checkout().setName("other").call();
            remote.git.branchDelete().setBranchNames("main").setForce(true).call();
            GitSource.GitSourceException gone = assertThrows(GitSource.GitSourceException.class, source::fetch);
            assertTrue(gone.getMessage().contains("branch 'main' does not exist"), gone.getMessage());
            assertEquals("c: 3\n", Files.readString(r3.worktree().resolve("connect/c.yaml")), "the last good revision stays");
        }
    }

    @Test
    void anUnreachableRemoteIsAnErrorNamingIt() {
        try (GitSource source = new GitSource("http://127.0.0.1:1/repo.git", "main", tmp.resolve("cache"), GitSource.Auth.NONE)) {
            GitSource.GitSourceException e = assertThrows(GitSource.GitSourceException.class, source::fetch);
            assertTrue(e.getMessage().contains("cannot fetch main from http://127.0.0.1:1/repo.git"), e.getMessage());
        }
    }

    @Test
    void fetchesOverSshWithAPrivateKeyAndRefusesAnUnknownHost() throws Exception {
        java.security.KeyPair client = SshGitServer.ecKeyPair();
        Path key = tmp.resolve("id_ecdsa");
        try (java.io.OutputStream out = Files.newOutputStream(key)) { // the OpenSSH format ssh-keygen writes
            org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "test",
                    (org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext) null, out);
        }
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (GitRepo remote = new GitRepo(tmp.resolve("repos/connect-config"));
             SshGitServer server = new SshGitServer(tmp.resolve("repos"), client.getPublic())) {
            String sha = remote.write("connect/a.yaml", "a: 1\n").commit("over ssh");
            String url = "ssh://git@127.0.0.1:" + server.port() + "/connect-config";
            Path knownHosts = tmp.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine() + "\n");
            try (GitSource source = new GitSource(url, "main", tmp.resolve("cache"), new GitSource.Auth(null, null, key, knownHosts))) {
                GitSource.Revision revision = source.fetch();
                assertEquals(sha, revision.sha());
                assertEquals("a: 1\n", Files.readString(revision.worktree().resolve("connect/a.yaml")));
            }
            Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + org.apache.sshd.common.config.keys.PublicKeyEntry
                    .toString(SshGitServer.ecKeyPair().getPublic()) + "\n");
            try (GitSource source = new GitSource(url, "main", tmp.resolve("cache2"), new GitSource.Auth(null, null, key, knownHosts))) {
                GitSource.GitSourceException e = assertThrows(GitSource.GitSourceException.class, source::fetch);
                assertTrue(e.getMessage().contains("cannot fetch main from " + url), e.getMessage());
            }
        }
    }

    @Test
    void fetchesOverHttpWithATokenAndSaysWhenTheTokenIsWrong() throws Exception {
        try (GitRepo remote = new GitRepo(tmp.resolve("repos/connect-config"));
             HttpGitServer server = new HttpGitServer(tmp.resolve("repos"), "oauth2", "s3cret-token")) {
            String sha = remote.write("connect/a.yaml", "a: 1\n").commit("over http");
            String url = "http://127.0.0.1:" + server.port() + "/connect-config";
            try (GitSource source = new GitSource(url, "main", tmp.resolve("cache"), new GitSource.Auth("oauth2", "s3cret-token", null, null))) {
                assertEquals(sha, source.fetch().sha());
                String next = remote.write("connect/b.yaml", "b: 2\n").commit("more");
                assertEquals(next, source.fetch().sha(), "a fetch after the clone authenticates too");
            }
            try (GitSource source = new GitSource(url, "main", tmp.resolve("cache2"), new GitSource.Auth("oauth2", "wrong", null, null))) {
                GitSource.GitSourceException e = assertThrows(GitSource.GitSourceException.class, source::fetch);
                assertTrue(e.getMessage().contains("cannot fetch main from " + url), e.getMessage());
                assertTrue(!e.getMessage().contains("wrong"), "the token is never in a message: " + e.getMessage());
            }
        }
    }
}
