package io.connectops.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectops.engine.ClusterSession;
import io.connectops.gate.GatedConnectApi;
import io.connectops.gate.RefusedWriteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The imperative helpers for people: restart, pause, resume, stop, delete. Each is one REST call per connector. */
final class ConnectorActionCommand {
    private ConnectorActionCommand() {
    }

    /** Shared by the action commands: which connectors, on which cluster. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        ConnectopsCommand root;

        @Spec
        CommandSpec spec;

        @Mixin
        ClusterChoice choice;

        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Connector name(s).")
        List<String> names;

        @Option(names = "--force", description = "Act even on a connector connectops does not own (another owner's, or nobody's).")
        boolean force;

        /** The chosen cluster, once {@link #call} ran. */
        ClusterSession session;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            session = choice.session(root, err);
            int failures = 0;
            for (String name : names) {
                try {
                    out.println(name + ": " + act(session.gatedFor(name, force), name));
                } catch (RefusedWriteException e) {
                    failures++;
                    err.println("error: " + name + ": " + e.getMessage() + " (--force does it anyway)");
                } catch (RuntimeException e) {
                    failures++;
                    err.println("error: " + name + ": " + ErrorReporter.describe(e));
                }
            }
            out.flush();
            err.flush();
            return failures == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        }

        /** @param client the cluster through the write gate: only a connector connectops owns is written, unless --force */
        abstract String act(GatedConnectApi client, String name);
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a connector and its tasks, or one task.")
    static final class Restart extends Base {
        @Option(names = "--task", paramLabel = "N", description = "Restart only this task.")
        Integer task;

        @Option(names = "--failed-only", description = "Restart only the connector or tasks that FAILED.")
        boolean failedOnly;

        @Override
        String act(GatedConnectApi client, String name) {
            if (task != null) {
                client.restartTask(name, task);
                return "task " + task + " restarted";
            }
            client.restart(name, true, failedOnly);
            return failedOnly ? "failed instances restarted" : "restarted with its tasks";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause connectors (tasks stay assigned, stop processing).")
    static final class Pause extends Base {
        @Override
        String act(GatedConnectApi client, String name) {
            client.pause(name);
            return "pause requested";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume paused or stopped connectors.")
    static final class Resume extends Base {
        @Override
        String act(GatedConnectApi client, String name) {
            client.resume(name);
            return "resume requested";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop connectors (tasks are shut down; config and offsets kept).")
    static final class Stop extends Base {
        @Override
        String act(GatedConnectApi client, String name) {
            client.stop(name);
            return "stopped";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete connectors connectops owns (any connector with --force).")
    static final class Delete extends Base {
        @Override
        String act(GatedConnectApi client, String name) {
            boolean existed = client.delete(name);
            session.ownership().recordDeleted(List.of(name), client);
            return existed ? "deleted" : "did not exist";
        }
    }
}
