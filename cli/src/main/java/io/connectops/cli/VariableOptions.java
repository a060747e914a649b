package io.connectops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The variable sources (docs/secrets.md), shared by every command that reads declarations. */
final class VariableOptions {
    @Option(names = "--values", paramLabel = "FILE",
            description = "A YAML file of variables for {{ NAME }} templates (nested keys joined with dots). Repeatable; later wins.")
    List<Path> valuesFiles = new ArrayList<>();

    @Option(names = "--vars-dir", paramLabel = "DIR",
            description = "A directory of *.properties files: every key=value a variable ({{ key }}; $KEY in streaming-ops jq). Repeatable.")
    List<Path> varsDirs = new ArrayList<>();

    @Option(names = "--secrets-dir", paramLabel = "DIR",
            description = "Like --vars-dir, but every value is secret: masked in every output. Repeatable.")
    List<Path> secretsDirs = new ArrayList<>();

    @Option(names = "--private-key", paramLabel = "FILE", defaultValue = "${env:CONNECTOPS_PRIVATE_KEY_FILE}",
            description = "The key from 'connectops keygen' that opens sealed:v1: values (env CONNECTOPS_PRIVATE_KEY_FILE).")
    Path privateKey;

    @Option(names = "--allow-env", paramLabel = "NAME",
            description = "An environment variable templates and jq may read ({{ env.NAME }}, env.NAME); '*' matches any run of "
                    + "characters (ORDERS_*). Repeatable; also env CONNECTOPS_ALLOW_ENV (comma-separated). Nothing else is visible.")
    List<String> allowEnv = new ArrayList<>();

    @Option(names = "--secret-env", paramLabel = "NAME",
            description = "An environment variable that is secret besides the default patterns (*PASSWORD*, *PASSWD*, *SECRET*, *TOKEN*, "
                    + "*_KEY, *CREDENTIAL*, *API_KEY*): never printed, nor anything computed from it. Repeatable; '*' patterns; "
                    + "also env CONNECTOPS_SECRET_ENV (comma-separated).")
    List<String> secretEnv = new ArrayList<>();

    /** The patterns of environment variables that are secret: the defaults and the user's. */
    List<String> secretEnvPatterns(java.util.Map<String, String> environment) {
        List<String> patterns = new ArrayList<>(io.connectops.render.EnvironmentAllowList.DEFAULT_SECRET_PATTERNS);
        patterns.addAll(secretEnv);
        patterns.addAll(io.connectops.render.EnvironmentAllowList.split(environment.get("CONNECTOPS_SECRET_ENV")));
        return patterns;
    }

    /** The part of {@code environment} the user allowed. */
    java.util.Map<String, String> allowedEnvironment(java.util.Map<String, String> environment) {
        List<String> patterns = new ArrayList<>(allowEnv);
        patterns.addAll(io.connectops.render.EnvironmentAllowList.split(environment.get("CONNECTOPS_ALLOW_ENV")));
        return io.connectops.render.EnvironmentAllowList.filter(environment, patterns);
    }

    /** The private key file's text, or null when none was given. */
    String privateKeyPem() {
        if (privateKey == null) {
            return null;
        }
        if (io.connectops.files.PrivateFiles.readableByOthers(privateKey)) {
            System.err.println("warning: the private key " + privateKey + " is readable by other users: chmod 600 " + privateKey);
        }
        try {
            return Files.readString(privateKey);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --private-key " + privateKey + ": " + e.getMessage(), e);
        }
    }
}
