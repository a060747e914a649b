package io.connectops.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * Runs a jq program from a committed file, which is untrusted input. It sees only the variables it is
 * given (never the process environment), and it is bounded: its size and nesting before it is compiled,
 * a stack of its own for compiling and running (a program deep enough to overflow it fails, nothing
 * else does), an iteration budget on {@code range} (jackson-jq's own loops ignore interrupts), a cap on
 * its output, and a deadline after which its thread is stopped.
 */
final class JqSandbox {
    static final int MAX_PROGRAM_CHARS = 64 * 1024;
    static final int MAX_NESTING = 200;
    static final long MAX_ITERATIONS = 1_000_000;
    static final int MAX_OUTPUTS = 1_000;
    static final int MAX_OUTPUT_CHARS = 1024 * 1024;
    private static final long STACK_BYTES = 4L << 20;

    /** jq's built-in functions, loaded when the first program runs (~0.3 s: not for every plan). */
    private static final class Builtins {
        static final Scope SCOPE = load();

        private static Scope load() {
            Scope scope = Scope.newEmptyScope();
            BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
            return scope;
        }
    }

    private JqSandbox() {
    }

    /**
     * @param variables  {@code $NAME} bindings
     * @param environment what {@code env} and {@code $ENV} show: only what connectops was allowed to pass
     */
    static List<JsonNode> run(String program, Map<String, String> variables, Map<String, String> environment, long timeoutMillis)
            throws JsonQueryException, TimeoutException {
        if (program.length() > MAX_PROGRAM_CHARS) {
            throw new JsonQueryException("the program is longer than " + MAX_PROGRAM_CHARS + " characters: refused");
        }
        if (nesting(program) > MAX_NESTING) {
            throw new JsonQueryException("the program nests brackets deeper than " + MAX_NESTING + ": refused");
        }
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.complete(evaluate(program, variables, environment));
            } catch (StackOverflowError e) {
                result.completeExceptionally(new JsonQueryException("the program recursed too deeply"));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "connectops-jq", STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JsonQueryException jq) {
                throw jq;
            }
            throw new JsonQueryException(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            stop(worker);
            throw e;
        }
    }

    /** jackson-jq ignores interrupts: a program past its deadline is stopped, so no core stays busy with it. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.stop(); // the thread holds nothing shared: only the program's own values
        }
    }

    private static List<JsonNode> evaluate(String program, Map<String, String> variables, Map<String, String> environment)
            throws JsonQueryException {
        JsonQuery query = JsonQuery.compile(program, Versions.JQ_1_6);
        Scope scope = Scope.newChildScope(Builtins.SCOPE);
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        environment.forEach(env::put);
        variables.forEach((name, value) -> scope.setValue(name, TextNode.valueOf(value)));
        scope.setValue("ENV", env);
        scope.addFunction("env", 0, (s, args, in, path, output, version) -> output.emit(env, null));
        AtomicLong budget = new AtomicLong(MAX_ITERATIONS);
        scope.addFunction("range", 1, (s, args, in, path, output, version) ->
                each(s, args.get(0), in, upto -> loop(0, upto, 1, budget, output)));
        scope.addFunction("range", 2, (s, args, in, path, output, version) ->
                each(s, args.get(0), in, from -> each(s, args.get(1), in, upto -> loop(from, upto, 1, budget, output))));
        scope.addFunction("range", 3, (s, args, in, path, output, version) ->
                each(s, args.get(0), in, from -> each(s, args.get(1), in, upto -> each(s, args.get(2), in, by ->
                        loop(from, upto, by, budget, output)))));
        List<JsonNode> out = new ArrayList<>();
        query.apply(scope, NullNode.getInstance(), value -> {
            if (out.size() >= MAX_OUTPUTS) {
                throw new JsonQueryException("the program gives more than " + MAX_OUTPUTS + " results: refused");
            }
            if (value.toString().length() > MAX_OUTPUT_CHARS) {
                throw new JsonQueryException("a result of the program is larger than " + MAX_OUTPUT_CHARS + " characters: refused");
            }
            out.add(value);
        });
        return out;
    }

    private interface NumberAction {
        void accept(double value) throws JsonQueryException;
    }

    private static void each(Scope scope, Expression argument, JsonNode in, NumberAction action) throws JsonQueryException {
        argument.apply(scope, in, value -> {
            if (!value.isNumber()) {
                throw new JsonQueryException("range/1, range/2 and range/3 take numbers");
            }
            action.accept(value.asDouble());
        });
    }

    private static void loop(double from, double upto, double by, AtomicLong budget, net.thisptr.jackson.jq.PathOutput output)
            throws JsonQueryException {
        if (by == 0) {
            throw new JsonQueryException("range with a step of 0 never ends");
        }
        for (double i = from; by > 0 ? i < upto : i > upto; i += by) {
            if (budget.decrementAndGet() < 0) {
                throw new JsonQueryException("the program iterates more than " + MAX_ITERATIONS + " times: refused");
            }
            output.emit(i == Math.rint(i) && Math.abs(i) < Integer.MAX_VALUE ? IntNode.valueOf((int) i)
                    : JsonNodeFactory.instance.numberNode(i), null);
        }
    }

    /** The deepest nesting of brackets, braces and parentheses outside string literals. */
    static int nesting(String program) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < program.length(); i++) {
            char c = program.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{', '(' -> max = Math.max(max, ++depth);
                case ']', '}', ')' -> depth--;
                default -> { }
            }
        }
        return max;
    }
}
