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
 * @param passwordsDir    where generated user passwords are kept (a committed file names a path inside it, nothing else)
 * @param policyPaths     Policy files on this machine (--policy: the platform team's, mounted), beside any in the repository
 */
public record ControllerOptions(String repository, String branch, String path, Path cacheDir, GitSource.Auth gitAuth,
                                Duration interval, Duration resync, boolean selfHeal, boolean prune, Integer maxDeletions,
                                Healer.Settings healing, List<String> valuesFiles, List<String> varsDirs, List<String> secretsDirs,
                                String privateKeyPem, Map<String, String> environment, String connectUrl, Duration shutdownTimeout,
                                List<String> secretEnvPatterns, Path passwordsDir, List<String> policyPaths) {
    public ControllerOptions {
        policyPaths = List.copyOf(policyPaths);
        valuesFiles = List.copyOf(valuesFiles);
        varsDirs = List.copyOf(varsDirs);
        secretsDirs = List.copyOf(secretsDirs);
        environment = Map.copyOf(environment);
        secretEnvPatterns = List.copyOf(secretEnvPatterns);
    }


    /** Options by name, with the defaults of {@code connectops sync}. */
    public static Builder builder(String repository, Path cacheDir) {
        return new Builder(repository, cacheDir);
    }

    public static final class Builder {
        private final String repository;
        private final Path cacheDir;
        private String branch = "main";
        private String path = ".";
        private GitSource.Auth gitAuth = GitSource.Auth.NONE;
        private Duration interval = Duration.ofSeconds(30);
        private Duration resync = Duration.ofSeconds(60);
        private boolean selfHeal = true;
        private boolean prune = true;
        private Integer maxDeletions;
        private Healer.Settings healing = Healer.Settings.DEFAULT;
        private List<String> valuesFiles = List.of();
        private List<String> varsDirs = List.of();
        private List<String> secretsDirs = List.of();
        private String privateKeyPem;
        private Map<String, String> environment = Map.of();
        private String connectUrl;
        private Duration shutdownTimeout = Duration.ofSeconds(20);
        private List<String> secretEnvPatterns = io.connectops.render.EnvironmentAllowList.DEFAULT_SECRET_PATTERNS;
        private Path passwordsDir = io.connectops.apply.PasswordStore.DEFAULT_DIR;
        private List<String> policyPaths = List.of();

        private Builder(String repository, Path cacheDir) {
            this.repository = repository;
            this.cacheDir = cacheDir;
        }

        public Builder branch(String branch) {
            this.branch = branch;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder gitAuth(GitSource.Auth auth) {
            this.gitAuth = auth;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder resync(Duration resync) {
            this.resync = resync;
            return this;
        }

        public Builder selfHeal(boolean selfHeal) {
            this.selfHeal = selfHeal;
            return this;
        }

        public Builder prune(boolean prune) {
            this.prune = prune;
            return this;
        }

        public Builder maxDeletions(Integer maxDeletions) {
            this.maxDeletions = maxDeletions;
            return this;
        }

        public Builder healing(Healer.Settings healing) {
            this.healing = healing;
            return this;
        }

        public Builder variables(List<String> valuesFiles, List<String> varsDirs, List<String> secretsDirs, String privateKeyPem) {
            this.valuesFiles = valuesFiles;
            this.varsDirs = varsDirs;
            this.secretsDirs = secretsDirs;
            this.privateKeyPem = privateKeyPem;
            return this;
        }

        /** The environment variables templates and jq may see (the allowed ones), and which of them are secret. */
        public Builder environment(Map<String, String> environment, List<String> secretEnvPatterns) {
            this.environment = environment;
            this.secretEnvPatterns = secretEnvPatterns;
            return this;
        }

        public Builder connectUrl(String connectUrl) {
            this.connectUrl = connectUrl;
            return this;
        }

        public Builder passwordsDir(Path passwordsDir) {
            this.passwordsDir = passwordsDir;
            return this;
        }

        public Builder policyPaths(List<String> policyPaths) {
            this.policyPaths = policyPaths;
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        public ControllerOptions build() {
            return new ControllerOptions(repository, branch, path, cacheDir, gitAuth, interval, resync, selfHeal, prune, maxDeletions,
                    healing, valuesFiles, varsDirs, secretsDirs, privateKeyPem, environment, connectUrl, shutdownTimeout, secretEnvPatterns,
                    passwordsDir, policyPaths);
        }
    }
}
