package io.connectops.plugins;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a plugin archive (zip, tar.gz, tgz) into a directory, refusing anything that could write outside it
 * or point outside it: absolute or {@code ..} entry names (zip-slip), symbolic and hard links, devices. Counts
 * what it writes against a budget, so an archive that inflates past the storage limit stops at the limit.
 */
final class Archives {
    /** Entries in one archive: far more than any plugin has, few enough to stop an archive made of empty entries. */
    static final int MAX_ENTRIES = 100_000;

    private Archives() {
    }

    /** The archive is refused: nothing of it may be kept. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Unpacks {@code archive} of {@code type} into {@code into} (an empty directory).
     *
     * @return bytes written
     * @throws Refused when an entry escapes, is a link or a device, or the budget runs out
     */
    static long unpack(Path archive, String type, Path into, Budget budget) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             ArchiveInputStream<? extends ArchiveEntry> entries = type.equals("zip") ? new ZipArchiveInputStream(file)
                     : new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            Path root = into.toAbsolutePath().normalize();
            long written = 0;
            int count = 0;
            ArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    throw new Refused("more than " + MAX_ENTRIES + " entries: refused");
                }
                String name = entry.getName();
                refuseLinks(entry, name);
                Path target = root.resolve(name).normalize();
                if (name.startsWith("/") || name.startsWith("\\") || name.contains("\\") || !target.startsWith(root) || target.equals(root)
                        && !entry.isDirectory()) {
                    throw new Refused("entry '" + name + "' would be written outside the plugin's directory (zip-slip): refused");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    written += copy(entries, out, budget, name);
                }
            }
            return written;
        }
    }

    private static void refuseLinks(ArchiveEntry entry, String name) throws Refused {
        if (entry instanceof TarArchiveEntry tar) {
            if (tar.isSymbolicLink() || tar.isLink()) {
                throw new Refused("entry '" + name + "' is a link (to '" + tar.getLinkName() + "'): plugins are files, refused");
            }
            if (!tar.isFile() && !tar.isDirectory()) {
                throw new Refused("entry '" + name + "' is neither a file nor a directory: refused");
            }
        }
        if (entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink()) {
            throw new Refused("entry '" + name + "' is a symbolic link: plugins are files, refused");
        }
    }

    /** Copies one file, drawing on the budget as it goes. */
    static long copy(InputStream in, OutputStream out, Budget budget, String what) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            budget.take(n, what);
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
