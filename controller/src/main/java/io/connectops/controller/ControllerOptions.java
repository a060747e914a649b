package io.connectops.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code connectops sync} is told. Relative {@code valuesFiles}, {@code varsDirs} and
 * {@code secretsDirs} are read from the repository's working copy (that is where GitOps keeps them);
 * absolute ones from the machine (a mounted secret).
 *
 * @param path            the folder inside the repository holding the declarations ("." for all)
 * @param interval        how often the branch is fetched
 * @param resync          how often the live state is compared again, with or without a new commit
 * @param selfHeal        put hand-made changes back on resync (otherwise only report them)
 * @param maxDeletions    the prune guard (null: 10% of what connectops owns, at least 1)
 * @param shutdownTimeout how long in-flight calls get when the controller stops
 * @param environment     the environment variables templates and jq may see (the allowed ones only)
 * @param secretEnvPatterns which of them are secret (name patterns)
 */
public record ControllerOptions(String repository, String branch, String path, Path cacheDir, GitSource.Auth gitAuth,
                                Duration interval, Duration resync, boolean selfHeal, boolean prune, Integer maxDeletions,
                                Healer.Settings healing, List<String> valuesFiles, List<String> varsDirs, List<String> secretsDirs,
                                String privateKeyPem, Map<String, String> environment, String connectUrl, Duration shutdownTimeout,
                                List<String> secretEnvPatterns) {
    public ControllerOptions {
        valuesFiles = List.copyOf(valuesFiles);
        varsDirs = List.copyOf(varsDirs);
        secretsDirs = List.copyOf(secretsDirs);
        environment = Map.copyOf(environment);
        secretEnvPatterns = List.copyOf(secretEnvPatterns);
    }

    /** With the default secret name patterns for the environment. */
    public ControllerOptions(String repository, String branch, String path, Path cacheDir, GitSource.Auth gitAuth,
                             Duration interval, Duration resync, boolean selfHeal, boolean prune, Integer maxDeletions,
                             Healer.Settings healing, List<String> valuesFiles, List<String> varsDirs, List<String> secretsDirs,
                             String privateKeyPem, Map<String, String> environment, String connectUrl, Duration shutdownTimeout) {
        this(repository, branch, path, cacheDir, gitAuth, interval, resync, selfHeal, prune, maxDeletions, healing, valuesFiles, varsDirs,
                secretsDirs, privateKeyPem, environment, connectUrl, shutdownTimeout,
                io.connectops.render.EnvironmentAllowList.DEFAULT_SECRET_PATTERNS);
    }
}
