package io.connectops.controller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server (Apache MINA sshd) that serves {@code git-upload-pack} for the repositories
 * under a folder, to the one client key it is given: the other side of GitSource's SSH path.
 */
final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;

    SshGitServer(Path repositories, PublicKey allowed) throws Exception {
        hostKey = ecKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, allowed));
        server.setCommandFactory((channel, command) -> new UploadPackCommand(repositories, command));
        server.start();
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    int port() {
        return server.getPort();
    }

    /** The line a known_hosts file needs to trust this server. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code git-upload-pack '/name'}: JGit's UploadPack over the channel's streams. */
    private static final class UploadPackCommand implements Command {
        private final Path repositories;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path repositories, String command) {
            this.repositories = repositories;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread thread = new Thread(() -> {
                int code = 0;
                String path = command.replaceFirst("^git-upload-pack\\s+", "").replace("'", "").replaceFirst("^/", "");
                try (Repository repository = new FileRepositoryBuilder().setGitDir(repositories.resolve(path).resolve(".git").toFile())
                        .setMustExist(true).build()) {
                    if (!command.startsWith("git-upload-pack")) {
                        throw new IOException("only git-upload-pack is served, not: " + command);
                    }
                    new UploadPack(repository).upload(in, out, err);
                } catch (Exception e) {
                    code = 1;
                } finally {
                    try {
                        out.flush();
                    } catch (IOException e) {
                        // the client went away
                    }
                    exit.onExit(code);
                }
            }, "ssh-git-upload-pack");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
