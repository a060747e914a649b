package io.connectops.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The shell completion script, from picocli: every command, option and enum value. One script serves both shells: zsh
 * runs it through its bash-completion layer (bashcompinit), which the script turns on itself.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh.",
            "  bash: source <(connectops completion bash)    (or save it in /etc/bash_completion.d/connectops)",
            "  zsh:  source <(connectops completion zsh)     (e.g. in ~/.zshrc)"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        // A one-shot run registers only the command it names: the script is made from a command line with all of them.
        PrintWriter quiet = new PrintWriter(java.io.OutputStream.nullOutputStream());
        CommandLine every = Main.commandLine(quiet, quiet, Map.of());
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("connectops", every));
        out.flush();
        return ExitCodes.OK;
    }
}
