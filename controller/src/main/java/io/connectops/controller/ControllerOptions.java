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
 */
public record ControllerOptions(String repository, String branch, String path, Path cacheDir, GitSource.Auth gitAuth,
                                Duration interval, Duration resync, boolean selfHeal, boolean prune, Integer maxDeletions,
                                Healer.Settings healing, List<String> valuesFiles, List<String> varsDirs, List<String> secretsDirs,
                                String privateKeyPem, Map<String, String> environment, String connectUrl, Duration shutdownTimeout) {
    public ControllerOptions {
        valuesFiles = List.copyOf(valuesFiles);
        varsDirs = List.copyOf(varsDirs);
        secretsDirs = List.copyOf(secretsDirs);
        environment = Map.copyOf(environment);
    }
}
