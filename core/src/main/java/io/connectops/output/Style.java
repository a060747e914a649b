package io.connectops.output;

/** ANSI colours, or none (not a terminal, NO_COLOR set, TERM=dumb). */
public record Style(boolean colour) {
    public static final Style PLAIN = new Style(false);

    public static Style forTerminal() {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        return new Style(tty);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
