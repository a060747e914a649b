package io.connectops.policy;

import java.util.ArrayList;
import java.util.List;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;

/**
 * The fields an expression reads of {@code object} and {@code oldObject}: each chain of selections and constant
 * indexes ({@code object.spec.config['retention.ms']} is {@code [object, spec, config, retention.ms]}), longest only.
 * The operator's renderer checks them against the custom resources' schemas, as the API server would type-check them.
 */
public final class ObjectPaths {
    private static final CelParser PARSER = CelParserFactory.standardCelParserBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).build();

    private ObjectPaths() {
    }

    /** @throws IllegalArgumentException when it does not parse (compiling it says where) */
    public static List<List<String>> of(String expression) {
        CelNavigableAst ast;
        try {
            ast = CelNavigableAst.fromAst(PARSER.parse(expression).getAst());
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<List<String>> all = new ArrayList<>();
        ast.getRoot().allNodes().forEach(node -> {
            List<String> path = path(node.expr());
            if (path != null && path.size() > 1) {
                all.add(path);
            }
        });
        return all.stream().filter(p -> all.stream().noneMatch(longer -> longer.size() > p.size() && longer.subList(0, p.size()).equals(p)))
                .distinct().toList();
    }

    private static List<String> path(CelExpr expr) {
        switch (expr.getKind()) {
            case IDENT -> {
                String name = expr.ident().name();
                return name.equals("object") || name.equals("oldObject") ? new ArrayList<>(List.of(name)) : null;
            }
            case SELECT -> {
                List<String> operand = path(expr.select().operand());
                if (operand != null) {
                    operand.add(expr.select().field());
                }
                return operand;
            }
            case CALL -> {
                var call = expr.call();
                if (call.function().equals("_[_]") && call.args().size() == 2 && call.args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && call.args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    List<String> operand = path(call.args().get(0));
                    if (operand != null) {
                        operand.add(call.args().get(1).constant().stringValue());
                    }
                    return operand;
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
