package io.connectops.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.connectops.model.PluginsSpec;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;

/**
 * Maven coordinates resolved by Maven's own resolver into a local cache: an archive alone, a jar with its runtime
 * dependencies. Every file is checked against the repository's checksums (a mismatch or a missing checksum
 * fails), releases are never looked up again once cached, and every request has a connect and a request timeout.
 */
final class MavenArtifacts implements AutoCloseable {
    private final RepositorySystem system;
    private final RepositorySystemSession.CloseableSession session;
    private final List<RemoteRepository> repositories;
    private final TransferLimits limits = new TransferLimits();
    private volatile boolean closed;

    MavenArtifacts(Path cache, List<PluginsSpec.Repository> repositories) {
        this.system = new RepositorySystemSupplier().get();
        this.session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(cache)
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_NEVER)
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, (int) Downloads.CONNECT_TIMEOUT.toMillis())
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, (int) Downloads.HEADERS_TIMEOUT.toMillis())
                .setConfigProperty(ConfigurationProperties.HTTP_RETRY_HANDLER_COUNT, 2)
                .setConfigProperty(ConfigurationProperties.HTTP_RETRY_HANDLER_INTERVAL, 1000L)
                .setTransferListener(limits)
                .setSystemProperties(System.getProperties())
                .build();
        this.repositories = repositories.stream().map(MavenArtifacts::remote).toList();
    }

    private static RemoteRepository remote(PluginsSpec.Repository repository) {
        RemoteRepository.Builder builder = new RemoteRepository.Builder(repository.name(), "default", repository.url())
                .setPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .setSnapshotPolicy(new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL));
        if (repository.username() != null) {
            builder.setAuthentication(new AuthenticationBuilder().addUsername(repository.username())
                    .addPassword(repository.password() == null ? "" : repository.password()).build());
        }
        return builder.build();
    }

    /**
     * The files of {@code maven}: the archive, or the jar and its runtime dependencies, downloading at most
     * {@code maxBytes} within {@code within}. The resolution runs on a daemon thread the caller stops waiting for at
     * the deadline: Maven's HTTP transport reads a cancelled answer to its end before it lets go and has no deadline of
     * its own, so a server that trickles or stalls could hold it as long as it liked. The abandoned thread ends with
     * the process ({@code plugins install} is a one-shot command); this instance is closed: {@link #closed()}.
     */
    List<Path> resolve(PluginsSpec.Maven maven, long maxBytes, java.time.Duration within) throws Exception {
        limits.start(maxBytes, within);
        java.util.concurrent.FutureTask<List<Path>> task = new java.util.concurrent.FutureTask<>(() -> resolve(maven));
        Thread worker = new Thread(task, "connectops-maven-" + maven.artifact());
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            close();
            throw new Archives.Refused("resolving " + maven.coordinates() + " took more than " + describe(within) + ": refused");
        } catch (java.util.concurrent.ExecutionException e) {
            if (limits.refusal() != null) {
                throw new Archives.Refused(limits.refusal());
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String describe(java.time.Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toMillis() / 1000.0 + " s";
    }

    boolean closed() {
        return closed;
    }

    private List<Path> resolve(PluginsSpec.Maven maven) throws Exception {
        Artifact artifact = new DefaultArtifact(maven.group(), maven.artifact(), maven.classifier() == null ? "" : maven.classifier(),
                maven.type(), maven.version());
        List<Path> files = new ArrayList<>();
        if (maven.isArchive()) {
            ArtifactResult result = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, "plugin"));
            files.add(result.getArtifact().getPath());
            return files;
        }
        CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories);
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
            files.add(result.getArtifact().getPath());
        }
        return files;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.close();
        system.shutdown();
    }
}
