package io.connectops.cli;

import java.util.concurrent.Callable;

import io.connectops.devstack.DevStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Run a real Kafka broker (KRaft) and Kafka Connect workers on this machine until Ctrl-C.",
            "Plugins: FileStream source/sink, MirrorMaker 2, and connectops' no-op source connector."})
final class DevCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stackOptions;

    @Override
    public Integer call() throws java.io.IOException {
        StackRunner runner = new StackRunner();
        java.nio.file.Path log = stackOptions.dataDir != null
                ? java.nio.file.Files.createDirectories(stackOptions.dataDir).resolve("stack.log")
                : java.nio.file.Files.createTempFile("connectops-dev-", ".log");
        DevStack stack = runner.start(stackOptions, root.verbose(), log, spec.commandLine().getOut());
        runner.awaitStopThenClose(stack, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
