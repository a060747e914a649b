package io.connectops.model;

import java.util.OptionalInt;

/**
 * What a {@code restartToken} asks for: any text restarts the connector with its tasks once; a token that starts
 * with {@value #TASK_PREFIX}{@code N } restarts task N alone (the operator makes such tokens from CFK's
 * {@code platform.confluent.io/restart-task} annotation; a file may use the form too).
 */
public final class RestartToken {
    public static final String TASK_PREFIX = "task:";

    private RestartToken() {
    }

    /** The task a token names, if it names one. */
    public static OptionalInt task(String token) {
        String text = token == null ? "" : token.startsWith("annotation:") ? token.substring("annotation:".length()) : token;
        if (!text.startsWith(TASK_PREFIX)) {
            return OptionalInt.empty();
        }
        String rest = text.substring(TASK_PREFIX.length());
        int end = 0;
        while (end < rest.length() && end < 6 && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(rest.substring(0, end)));
    }
}
