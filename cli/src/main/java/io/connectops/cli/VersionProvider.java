package io.connectops.cli;

import picocli.CommandLine.IVersionProvider;

/** The version, commit and build date from the jar manifest (set by the build), and the Kafka it was built with. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        java.util.jar.Attributes build = manifest();
        String commit = known(build.getValue("Build-Commit"));
        String date = known(build.getValue("Build-Date"));
        String made = commit == null ? "" : " (commit " + commit + ("true".equals(build.getValue("Build-Dirty")) ? ", with local changes" : "")
                + (date == null ? "" : ", built " + date) + ")";
        return new String[] {
            "connectops " + (version == null ? "(development build)" : version + made),
            "Kafka " + kafkaVersion() + " (embedded dev stack)",
            "Java " + System.getProperty("java.version")
        };
    }

    /** The manifest of the jar this class came from (not the first on the class path), or nothing. */
    private static java.util.jar.Attributes manifest() {
        try {
            java.net.URL location = Main.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path path = java.nio.file.Path.of(location.toURI());
            if (java.nio.file.Files.isRegularFile(path)) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
                    return jar.getManifest() == null ? new java.util.jar.Attributes() : jar.getManifest().getMainAttributes();
                }
            }
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            // a development build from classes: no manifest
        }
        return new java.util.jar.Attributes();
    }

    /** A value the build filled in (not an unresolved ${...} of a build outside Git). */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }

    /** From kafka-clients' own properties file (Kafka's AppInfoParser would start the logging system). */
    private static String kafkaVersion() {
        try (java.io.InputStream in = VersionProvider.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
