package io.connectops.cli;

import java.time.Duration;

import io.connectops.controller.ControllerOptions;
import io.connectops.controller.Healer;
import picocli.CommandLine.Option;

/** How a long-running front end (sync, operator) reconciles: self-heal, prune and its guard, healing backoff, shutdown. */
final class ReconcileOptions {
    @Option(names = "--no-self-heal", description = "Report drift instead of putting it back (new declarations are still applied).")
    boolean noSelfHeal;

    @Option(names = "--no-prune", description = "Keep connectors connectops made that are no longer declared.")
    boolean noPrune;

    @Option(names = "--max-deletions", paramLabel = "N", description = "Prune guard: refuse more deletions than this per cluster (default: 10%% of the owned ones).")
    Integer maxDeletions;

    @Option(names = "--restart-backoff", defaultValue = "30s", converter = DurationConverter.class, description = "Pause after the first restart of a failed connector, doubling after each (default: ${DEFAULT-VALUE}).")
    Duration restartBackoff;

    @Option(names = "--restart-backoff-max", defaultValue = "30m", converter = DurationConverter.class, description = "The longest pause between restarts (default: ${DEFAULT-VALUE}).")
    Duration restartBackoffMax;

    @Option(names = "--restart-reset", defaultValue = "10m", converter = DurationConverter.class, description = "Healthy this long, the restart count starts over (default: ${DEFAULT-VALUE}).")
    Duration restartReset;

    @Option(names = "--shutdown-timeout", defaultValue = "20s", converter = DurationConverter.class, description = "How long in-flight calls get on Ctrl-C or SIGTERM (default: ${DEFAULT-VALUE}).")
    Duration shutdownTimeout;

    /** These options on {@code builder}. */
    ControllerOptions.Builder applyTo(ControllerOptions.Builder builder) {
        return builder.selfHeal(!noSelfHeal).prune(!noPrune).maxDeletions(maxDeletions)
                .healing(new Healer.Settings(restartBackoff, restartBackoffMax, restartReset)).shutdownTimeout(shutdownTimeout);
    }
}
