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

    /** The private key file's text, or null when none was given. */
    String privateKeyPem() {
        if (privateKey == null) {
            return null;
        }
        try {
            return Files.readString(privateKey);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --private-key " + privateKey + ": " + e.getMessage(), e);
        }
    }
}
