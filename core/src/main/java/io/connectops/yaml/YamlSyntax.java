package io.connectops.yaml;

import io.connectops.model.SourceLocation;

/**
 * A YAML syntax error as a person can act on it: the parser's actual problem and where it is (not only the construct
 * it was in, "while parsing a block mapping"), the line that construct began on, and a hint for the usual causes.
 */
final class YamlSyntax {
    private YamlSyntax() {
    }

    record Problem(SourceLocation at, String message) {
    }

    /** The problem inside {@code error} (Jackson's wrapper of SnakeYAML's), or null when it is not a syntax error of SnakeYAML. */
    static Problem of(String file, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
                org.yaml.snakeyaml.error.Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                SourceLocation at = mark == null ? new SourceLocation(file, 0, 0) : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
                String context = marked.getContext() == null || marked.getContextMark() == null ? ""
                        : " (" + marked.getContext() + " that starts on line " + (marked.getContextMark().getLine() + 1) + ")";
                return new Problem(at, marked.getProblem() + context + hint(marked.getProblem()));
            }
        }
        return null;
    }

    private static String hint(String problem) {
        if (problem.startsWith("expected <block end>") || problem.contains("did not find expected key")) {
            return ": check the indentation here (the keys of one mapping start in the same column; use spaces, not tabs)";
        }
        if (problem.contains("expected ',' or '}'") || problem.contains("expected ',' or ']'")) {
            return ": a {...} or [...] is not closed, or a value in it needs quotes";
        }
        if (problem.contains("mapping values are not allowed here")) {
            return ": a value that contains ': ' needs quotes, or the line needs its own indentation";
        }
        if (problem.contains("found character '\\t'")) {
            return ": YAML indents with spaces, never tabs";
        }
        return "";
    }
}
