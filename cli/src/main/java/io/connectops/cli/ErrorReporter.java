package io.connectops.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure ends as one line on stderr saying what went wrong (and, through the exception's
 * message, how to fix it), with exit status 1. The stack trace only with -v.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final ConnectopsCommand root;

    ErrorReporter(ConnectopsCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        err.println("error: " + describe(e));
        if (root.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            java.util.List<String> candidates = new java.util.ArrayList<>(cli.getSubcommands().keySet());
            cli.getCommandSpec().options().forEach(o -> candidates.addAll(java.util.List.of(o.names())));
            String typed = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            java.util.Optional<String> suggestion = candidates.stream().filter(c -> typed.startsWith("-") && c.startsWith(typed)).findFirst()
                    .or(() -> io.connectops.model.DidYouMean.closest(typed, candidates));
            String kind = word.startsWith("-") ? "option" : cli.getSubcommands().isEmpty() ? "argument" : "command";
            err.println("error: unknown " + kind + " '" + word + "'" + suggestion.map(s -> ": did you mean '" + s + "'?").orElse(""));
            err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the " + (kind.equals("command") ? "commands" : "options") + ".");
            err.flush();
            return ExitCodes.ERROR;
        }
        err.println("error: " + e.getMessage());
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.ERROR;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }
}
