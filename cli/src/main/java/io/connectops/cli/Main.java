package io.connectops.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.connectops.secrets.RedactingOutputStream;
import io.connectops.secrets.RedactingWriter;

import picocli.CommandLine;

/** Entry point: {@code connectops <command> [options]}. Exit status 0 ok, 1 error, 2 changes pending (plan). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // First, before any logger exists: everything this process prints, logs included, passes the redactor.
        System.setOut(new PrintStream(new RedactingOutputStream(new FileOutputStream(FileDescriptor.out)), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new RedactingOutputStream(new FileOutputStream(FileDescriptor.err)), true, StandardCharsets.UTF_8));
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line on this process's standard streams and environment. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
    }

    /**
     * The command line writing to {@code out} and {@code err} (through the redactor) and seeing
     * {@code environment} for {@code {{ env.X }}} and jq's {@code env.X}: what tests use.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        ConnectopsCommand root = new ConnectopsCommand(environment);
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter(root));
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        cli.setOut(new PrintWriter(new RedactingWriter(out), true));
        cli.setErr(new PrintWriter(new RedactingWriter(err), true));
        return cli;
    }
}
