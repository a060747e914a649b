package io.connectops.operator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.connectops.controller.Controller;
import io.connectops.controller.ControllerOptions;
import io.connectops.controller.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connectops operator}: the controller of {@code connectops sync} with the Kubernetes API as its source.
 * Informers keep the watched resources; every change asks the controller for a pass at once; a writer puts
 * the controller's view back into each resource's status (only what changed) and keeps finalizers.
 */
public final class Operator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

    private final KubernetesSource source;
    private final Controller controller;
    private final StatusWriter writer;
    private final EventPublisher publisher;
    private final ScheduledExecutorService statusLoop;
    private final Leadership leadership;
    private final WorkerReconciler workers;
    private final List<String> namespaces;

    /**
     * @param statusEvery how often the controller's view is compared with the resources' statuses (no API call
     *                    unless something differs: it reads the informers' caches)
     */
    /**
     * @param leadership makes the election given what to run when leadership changes (null from it: a single operator)
     */
    public Operator(KubernetesClient client, List<String> namespaces, ControllerOptions options,
                    java.util.function.Function<Runnable, Leadership> leadership, Duration statusEvery) {
        this(client, namespaces, List.of(), options, leadership, statusEvery);
    }

    /** @param foreignKinds other tools' kinds to watch too (CFK, Strimzi) */
    public Operator(KubernetesClient client, List<String> namespaces, List<ForeignKind> foreignKinds,
                    ControllerOptions options, java.util.function.Function<Runnable, Leadership> leadership, Duration statusEvery) {
        this(client, namespaces, foreignKinds, options, leadership, statusEvery, DEFAULT_INSTALLER_IMAGE, new io.connectops.secrets.Redactor());
    }

    /** The image of connectops itself, for the workers' plugin installer: the one this operator is built as. */
    public static final String DEFAULT_INSTALLER_IMAGE = "connectops/connectops:" + builtVersion();

    /** The version this operator was built as (a resource the build writes), never a moving tag such as latest. */
    static String builtVersion() {
        try (java.io.InputStream in = Operator.class.getResourceAsStream("/io/connectops/operator/version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the build wrote no version.properties: build with ./mvnw", e);
        }
    }

    /**
     * @param installerImage the image whose {@code connectops plugins install} runs in the workers' init container
     * @param redactor       the process's: each namespace's secrets are registered with a tenant of it
     */
    public Operator(KubernetesClient client, List<String> namespaces, List<ForeignKind> foreignKinds,
                    ControllerOptions options, java.util.function.Function<Runnable, Leadership> leadership, Duration statusEvery,
                    String installerImage, io.connectops.secrets.Redactor redactor) {
        this.source = new KubernetesSource(client, namespaces, foreignKinds);
        this.namespaces = List.copyOf(namespaces);
        this.workers = new WorkerReconciler(client, installerImage);
        Controller[] holder = new Controller[1];
        this.leadership = leadership.apply(() -> {
            if (holder[0] != null) {
                holder[0].leadershipChanged();
            }
        });
        this.controller = new Controller(options, source, this.leadership, Clock.systemUTC(), redactor);
        holder[0] = controller;
        this.writer = new StatusWriter(client, source, Clock.systemUTC(),
                new OrphanCalls(controller.orphans()), new WriteBackoff(Clock.systemUTC(), controller.events(), controller.metrics()));
        this.publisher = new EventPublisher(client, source);
        this.statusLoop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "connectops-operator-status");
            thread.setDaemon(true);
            return thread;
        });
        long period = statusEvery.toMillis();
        statusLoop.scheduleWithFixedDelay(this::writeStatus, period, period, TimeUnit.MILLISECONDS);
    }

    public void start() {
        source.start(controller::requestSync);
        workers.start(namespaces, () -> { }); // read by the status loop: a change of a worker object needs no reconcile pass
        if (leadership instanceof LeaseLeadership lease) {
            lease.start();
        }
        controller.start();
    }

    private void writeStatus() {
        if (!controller.isLeader()) {
            return; // a standby never writes: the leader's view is the one in the resources
        }
        try {
            io.connectops.controller.ControllerStatus status = controller.status();
            writer.sync(status);
            writer.syncConfigMaps(status, controller.desired());
            workers.sync(source.connectClusters(), controller.desired());
            writer.syncClusters(status, source.clusterResources(), workers::status);
            publisher.publish(status, status.events(), controller.desired());
        } catch (RuntimeException e) {
            LOG.warn("writing statuses failed: {}", e.getMessage());
        }
    }

    public Controller controller() {
        return controller;
    }

    /** Status and finalizer writes so far. */
    public long statusWrites() {
        return writer.writes();
    }

    /** Writes of the workers' objects (Deployment, Service, ConfigMap, Secret) so far. */
    public long workerWrites() {
        return workers.writes();
    }

    @Override
    public void close() {
        statusLoop.shutdownNow();
        controller.close();
        source.close();
        workers.close();
        if (leadership != null) {
            leadership.close();
        }
    }
}
