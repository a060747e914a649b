package io.connectops.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), and the Kafka it was built with. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "connectops " + (version == null ? "(development build)" : version),
            "Kafka " + kafkaVersion() + " (embedded dev stack)",
            "Java " + System.getProperty("java.version")
        };
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
