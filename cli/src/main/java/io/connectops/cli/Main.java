package io.connectops.cli;

import picocli.CommandLine;

/** Entry point: {@code connectops <command> [options]}. Exit status 0 ok, 1 error, 2 changes pending (plan). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        ConnectopsCommand root = new ConnectopsCommand();
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter(root));
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        return cli;
    }
}
