package io.connectops.load;

import java.util.regex.Pattern;

/**
 * Where a generated password may be kept, as a committed file may name it ({@code spec.passwordFile}, Strimzi's
 * {@code connectops.io/password-file}): a relative path inside the passwords directory the person running connectops
 * chose ({@code --passwords-dir}), or, under the operator, {@code secret:NAMESPACE/NAME}. A commit is not trusted with
 * files outside that directory (docs/security.md): an absolute path, {@code ..}, {@code ~} or a backslash is refused where
 * it is written, before anything is read or written. Links are refused when the directory is used (they are on disk).
 */
public final class PasswordLocations {
    public static final String SECRET_PREFIX = "secret:";
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private PasswordLocations() {
    }

    /** Why {@code location} may not be used, or null. */
    public static String problem(String location) {
        if (location == null) {
            return null;
        }
        if (location.startsWith(SECRET_PREFIX)) {
            String[] parts = location.substring(SECRET_PREFIX.length()).split("/", -1);
            return parts.length == 2 && DNS_NAME.matcher(parts[0]).matches() && DNS_NAME.matcher(parts[1]).matches() ? null
                    : "'" + location + "' is not secret:NAMESPACE/NAME";
        }
        String fix = ": give a relative path such as 'orders-app.password'; it is kept under --passwords-dir "
                + "(default .connectops/passwords)";
        if (location.isBlank() || location.length() > 255) {
            return "a password file needs a name of 1 to 255 characters" + fix;
        }
        if (location.startsWith("/") || location.startsWith("~") || location.contains("\\") || location.matches("^[A-Za-z]:.*")) {
            return "'" + location + "' is not a relative path: a committed file may not name a file outside the passwords directory" + fix;
        }
        for (String segment : location.split("/")) {
            if (segment.equals("..")) {
                return "'" + location + "' leaves the passwords directory ('..')" + fix;
            }
        }
        return null;
    }
}
