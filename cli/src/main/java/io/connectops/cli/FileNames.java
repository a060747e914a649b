package io.connectops.cli;

import java.util.Locale;
import java.util.Set;

/** File names for connectors written one per file (export, convert): safe, and never the same for two connectors. */
final class FileNames {
    private FileNames() {
    }

    /**
     * {@code name} with anything but letters, digits, '.', '_' and '-' replaced, plus ".yaml"; when that is
     * taken already (by "a/b" and "a_b", or "A" and "a" on a case-insensitive disk) a number is added.
     * {@code taken} records the names given out so far.
     */
    static String unique(String name, Set<String> taken) {
        String base = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.startsWith(".")) {
            base = "_" + base.substring(1);
        }
        String candidate = base + ".yaml";
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + "-" + n + ".yaml";
        }
        return candidate;
    }
}
