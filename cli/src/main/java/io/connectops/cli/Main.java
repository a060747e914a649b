package io.connectops.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.connectops.secrets.RedactingOutputStream;
import io.connectops.secrets.RedactingWriter;
import io.connectops.secrets.Redactor;

import picocli.CommandLine;

/** Entry point: {@code connectops <command> [options]}. Exit status 0 ok, 1 error, 2 changes pending (plan). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Nothing else to do: no command line to build (picocli's model alone costs more than the rest).
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            return;
        }
        io.connectops.concurrent.JvmSettings.apply(); // once, before any client or server exists
        // First, before any logger exists: everything this process prints, logs included, passes the run's redactor.
        Redactor redactor = new Redactor();
        System.setOut(new PrintStream(new RedactingOutputStream(new FileOutputStream(FileDescriptor.out), redactor), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new RedactingOutputStream(new FileOutputStream(FileDescriptor.err), redactor), true, StandardCharsets.UTF_8));
        System.exit(run(redactor, args));
    }

    /** Runs one command line (the process's run: {@code redactor} wraps its streams) and returns its exit status. */
    static int run(Redactor redactor, String... args) {
        return commandLineFor(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(), redactor, args)
                .execute(args);
    }

    /** The command line for {@code args}: with only the subcommand they name (all of them for help or a typo). */
    static CommandLine commandLineFor(PrintWriter out, PrintWriter err, Map<String, String> environment, Redactor redactor,
                                      String... args) {
        Class<?> only = commandNamed(args);
        boolean versionOnly = only == null && args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"));
        List<Class<?>> subcommands = only != null ? List.of(only) : versionOnly ? List.of() : ConnectopsCommand.SUBCOMMANDS;
        return build(out, err, environment, redactor, subcommands);
    }

    /**
     * The subcommand {@code args} name, when it is one (global options may come first), else null: then
     * every subcommand is registered (help, a typo that gets a suggestion).
     */
    static Class<?> commandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (java.util.Set.of("--connect-url", "-o", "--output", "--bootstrap-server", "--command-config", "--passwords-dir",
                    "--policy").contains(arg)) {
                i++; // its value
                continue;
            }
            if (arg.startsWith("-")) {
                continue;
            }
            for (Class<?> command : ConnectopsCommand.SUBCOMMANDS) {
                CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
                if (annotation.name().equals(arg) || java.util.Arrays.asList(annotation.aliases()).contains(arg)) {
                    return command;
                }
            }
            return null;
        }
        return null;
    }

    /** The command line on this process's standard streams and environment. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
    }

    /**
     * The command line writing to {@code out} and {@code err} (through the redactor) and seeing
     * {@code environment} for {@code {{ env.X }}} and jq's {@code env.X}: what tests use. Each command line is a run
     * with a redactor of its own.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return build(out, err, environment, new Redactor(), ConnectopsCommand.SUBCOMMANDS);
    }

    /** Subcommands first: the settings below reach only the subcommands registered by then. */
    private static CommandLine build(PrintWriter out, PrintWriter err, Map<String, String> environment, Redactor redactor,
                                     List<Class<?>> subcommands) {
        ConnectopsCommand root = new ConnectopsCommand(environment, redactor);
        CommandLine cli = new CommandLine(root);
        subcommands.forEach(cli::addSubcommand);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Wide enough that URLs and sealed:v1: values in option descriptions are not split; wider terminals use their width.
        cli.setUsageHelpWidth(100);
        cli.setUsageHelpAutoWidth(true);
        cli.setExecutionExceptionHandler(new ErrorReporter(root));
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        cli.setOut(new PrintWriter(new RedactingWriter(out, redactor), true));
        cli.setErr(new PrintWriter(new RedactingWriter(err, redactor), true));
        return cli;
    }
}
