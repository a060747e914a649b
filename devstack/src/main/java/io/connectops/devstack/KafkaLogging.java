package io.connectops.devstack;

import java.nio.file.Path;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Where the embedded stack's own logs go. In a terminal ({@link #toFile}) Kafka's and Connect's logs
 * go to a file, and the terminal shows only connectops' own lines: a mistake made in another terminal
 * (an unknown plugin, a wrong port) must not flood the window with the stack's traces. With -v they
 * are shown as well. Tests keep them on stderr at WARN ({@link #quiet}).
 */
public final class KafkaLogging {
    private static final String PATTERN = "%d{HH:mm:ss} %-5level %c{1} - %msg%n";

    private KafkaLogging() {
    }

    /** Kafka's own logs are quiet (WARN) unless the user asks for more with -v. */
    public static void quiet(boolean verbose) {
        Level level = verbose ? Level.INFO : Level.WARN;
        for (String logger : new String[] {"kafka", "org.apache.kafka", "org.apache.zookeeper", "state.change.logger",
                "org.eclipse.jetty", "org.glassfish", "org.reflections"}) {
            Configurator.setLevel(logger, level);
        }
        // Warnings that are normal on a fresh single-node dev cluster (first start, topics created on
        // first use, clients closing at shutdown): shown only with -v.
        Level benign = verbose ? Level.INFO : Level.ERROR;
        for (String logger : new String[] {"org.apache.kafka.clients.NetworkClient", "org.apache.kafka.controller.QuorumController",
                "org.apache.kafka.connect.runtime.distributed.WorkerCoordinator",
                "org.apache.kafka.connect.runtime.distributed.DistributedHerder"}) {
            Configurator.setLevel(logger, benign);
        }
    }

    /**
     * Everything at INFO goes to {@code file}; connectops' own lines ({@code io.connectops}) also go to
     * stderr. With {@code verbose}, the stack's logs go to stderr too.
     */
    public static void toFile(Path file, boolean verbose) {
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setStatusLevel(Level.ERROR);
        config.setConfigurationName("connectops-stack");
        LayoutComponentBuilder layout = config.newLayout("PatternLayout").addAttribute("pattern", PATTERN);
        config.add(config.newAppender("stderr", "Console").addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR).add(layout));
        config.add(config.newAppender("file", "File").addAttribute("fileName", file.toAbsolutePath().toString())
                .addAttribute("append", false).add(layout));
        config.add(config.newLogger("io.connectops", Level.INFO).addAttribute("additivity", false)
                .add(config.newAppenderRef("stderr")).add(config.newAppenderRef("file")));
        var root = config.newRootLogger(Level.INFO).add(config.newAppenderRef("file"));
        if (verbose) {
            root.add(config.newAppenderRef("stderr"));
        }
        config.add(root);
        Configurator.reconfigure(config.build());
    }
}
