package io.connectops.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.navigation.CelNavigableMutableAst;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Compiles and runs the CEL of policies, with the variables of a Kubernetes admission policy ({@code object},
 * {@code oldObject}, {@code request}) and its usual libraries (standard macros, string extensions, heterogeneous
 * number comparisons). Bounded: an expression's length and nesting when compiled, and the iterations of all its
 * comprehensions together when run; regular expressions are RE2 (linear time) and limited in size. Public for the
 * operator's tests, whose API-server stand-in evaluates rendered admission policies with the same CEL.
 */
public final class CelPrograms {
    static final int MAX_EXPRESSION = 10_000;
    static final int MAX_ITERATIONS = 100_000;
    static final List<String> VARIABLES = List.of("object", "oldObject", "request");

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    public CelPrograms() {
        CelOptions options = CelOptions.current().enableHeterogeneousNumericComparisons(true).maxExpressionCodePointSize(MAX_EXPRESSION)
                .maxParseRecursionDepth(64).comprehensionMaxIterations(MAX_ITERATIONS).maxRegexProgramSize(2_000).build();
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addLibraries(CelExtensions.strings());
        VARIABLES.forEach(name -> builder.addVar(name, SimpleType.DYN));
        this.compiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).addLibraries(CelExtensions.strings()).build();
    }

    /** A checked expression ready to run; {@code usesOld}: it reads {@code oldObject} or {@code request}. */
    public record Program(CelRuntime.Program program, boolean usesOld) {
        public Object eval(Map<String, ?> variables) throws CelEvaluationException {
            return program.eval(variables);
        }
    }

    /** A compile error: the first of CEL's messages, with its column in the expression. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Compiles {@code expression}, which must give a value of one of {@code results}, exactly: as the API server checks a
     * ValidatingAdmissionPolicy, a rule that gives dyn ({@code object.spec.paused}) is refused, so a rule that works
     * here works there too.
     */
    public Program compile(String expression, Set<CelKind> results) throws Invalid {
        CelAbstractSyntaxTree checked;
        try {
            checked = compiler.check(indexedAsDyn(compiler.parse(expression).getAst())).getAst();
        } catch (CelValidationException e) {
            CelIssue first = e.getErrors().get(0);
            String message = first.getMessage();
            int candidates = message.indexOf(" (candidates:");
            throw new Invalid((candidates > 0 ? message.substring(0, candidates) : message) + " (column " + (first.getSourceLocation().getColumn() + 1) + " of the expression)");
        }
        CelKind kind = checked.getResultType().kind();
        if (!results.contains(kind)) {
            String needed = String.join(" or ", results.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
            throw new Invalid("gives a " + checked.getResultType().name() + ", where a " + needed + " is needed"
                    + (kind == CelKind.DYN ? " (a field of object is dyn: compare it, == true, or convert it, string(...))" : ""));
        }
        boolean usesOld = checked.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("oldObject") || r.name().equals("request"));
        try {
            return new Program(runtime.createProgram(checked), usesOld);
        } catch (CelEvaluationException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /**
     * Wraps every index ({@code a[b]}) in {@code dyn()}. cel-java's checker binds the type parameter of an index on a
     * dyn value to the first overload that accepts it, so {@code int(object.spec.config['retention.ms'])} would be
     * checked as int-to-int and fail on the string it meets when run; as dyn, the overload is chosen when run, as
     * cel-go and Kubernetes do.
     */
    private static CelAbstractSyntaxTree indexedAsDyn(CelAbstractSyntaxTree parsed) {
        CelMutableAst ast = CelMutableAst.fromCelAst(parsed);
        List<CelMutableExpr> nodes = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes().map(n -> n.expr()).toList();
        long next = nodes.stream().mapToLong(CelMutableExpr::id).max().orElse(0) + 1;
        for (CelMutableExpr node : nodes) {
            if (node.getKind() == CelExpr.ExprKind.Kind.CALL && node.call().function().equals("_[_]")) {
                CelMutableExpr index = CelMutableExpr.ofCall(next++, node.call());
                node.setCall(CelMutableExpr.CelMutableCall.create("dyn", index));
            }
        }
        return ast.toParsedAst();
    }
}
