package io.connectops.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), and the Kafka it was built with. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "connectops " + (version == null ? "(development build)" : version),
            "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " (embedded dev stack)",
            "Java " + System.getProperty("java.version")
        };
    }
}
