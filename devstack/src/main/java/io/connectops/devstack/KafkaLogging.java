package io.connectops.devstack;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Kafka's own logs are quiet (WARN) unless the user asks for more with -v. */
public final class KafkaLogging {
    private KafkaLogging() {
    }

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
}
