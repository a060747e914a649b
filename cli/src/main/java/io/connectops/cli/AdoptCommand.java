package io.connectops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectops.engine.ClusterSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = "Take ownership of existing connectors, so prune may delete them once they leave the files.")
final class AdoptCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterChoice choice;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Connector name(s).")
    List<String> names;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ClusterSession session = choice.session(root, spec.commandLine().getErr());
        java.util.Map<String, io.connectops.connect.LiveConnector> live = session.client().readAll().connectors();
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(live.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no such connector on cluster '" + session.name() + "': " + String.join(", ", missing));
        }
        session.ownership().adopt(names.stream().distinct().map(live::get).toList(), session.client());
        out.println("adopted " + names.size() + " connector(s) on cluster '" + session.name() + "' (recorded in "
                + session.ownership().describe() + ")");
        out.flush();
        return ExitCodes.OK;
    }
}
