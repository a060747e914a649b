package io.connectops.ownership;

import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by the concurrency test: claims {@code count} names, one write each, in the given file. */
public final class ClaimWriterMain {
    private ClaimWriterMain() {
    }

    public static void main(String[] args) {
        FileClaimLog log = new FileClaimLog(Path.of(args[0]));
        int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++) {
            log.write("main", args[1], List.of(args[2] + i), true);
        }
    }
}
