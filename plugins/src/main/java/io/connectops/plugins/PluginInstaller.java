package io.connectops.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.connectops.model.PluginsSpec;

/**
 * Makes a plugin directory (a worker's {@code plugin.path}) hold exactly the declared plugins, each in
 * {@code PLUGIN_PATH/<name>/}:
 * <ul>
 * <li>a plugin already there from the same origin with the same checksum is left as it is (nothing downloaded);</li>
 * <li>a new or changed one is downloaded (a URL) or resolved (Maven), checked (its sha512; the repository's
 * checksums), unpacked into a staging directory beside the others, then renamed into place: a failure at any
 * step leaves the previous state and nothing of the new one;</li>
 * <li>a plugin connectops installed that is no longer declared is removed; a directory connectops did not make is
 * never touched (reported);</li>
 * <li>the storage limit counts what stays and what comes: a download or an archive that would pass it is refused
 * before (Content-Length) or while (bytes counted) it is written.</li>
 * </ul>
 * One plugin failing does not stop the others; the report says what happened to each.
 */
public final class PluginInstaller {

    /** What happened to one plugin. */
    public enum Action { INSTALLED, UPDATED, UNCHANGED, REMOVED, FAILED, FOREIGN }

    public record Result(String name, Action action, String detail, InstalledPlugin installed) {
    }

    /** Where progress goes (a terminal's line, a log). */
    public interface Progress {
        Progress NONE = (name, message) -> { };

        void report(String name, String message);
    }

    private final Path pluginPath;
    private final Path mavenCache;
    private final Progress progress;

    /** @param mavenCache where Maven artifacts are cached (outside the plugin path: Connect would scan it) */
    public PluginInstaller(Path pluginPath, Path mavenCache, Progress progress) {
        this.pluginPath = pluginPath.toAbsolutePath().normalize();
        this.mavenCache = mavenCache.toAbsolutePath().normalize();
        this.progress = progress;
    }

    public List<Result> install(PluginsSpec spec) throws IOException {
        Files.createDirectories(pluginPath);
        if (mavenCache.startsWith(pluginPath)) {
            throw new IOException("the Maven cache " + mavenCache + " is inside the plugin path " + pluginPath + ": Connect would scan it");
        }
        PluginDirectory.cleanStaging(pluginPath);
        List<Result> results = new ArrayList<>();
        Map<String, PluginsSpec.Plugin> declared = new TreeMap<>();
        spec.plugins().forEach(p -> declared.put(p.name(), p));
        // Removals first: what is no longer declared makes room for what comes.
        long kept = 0;
        for (Path dir : PluginDirectory.plugins(pluginPath)) {
            String name = dir.getFileName().toString();
            if (!InstalledPlugin.ours(dir)) {
                kept += Sizes.of(dir);
                if (!declared.containsKey(name)) {
                    results.add(new Result(name, Action.FOREIGN, "not installed by connectops: left alone", null));
                }
                continue;
            }
            if (!declared.containsKey(name)) {
                PluginDirectory.delete(dir);
                results.add(new Result(name, Action.REMOVED, "no longer declared", null));
                progress.report(name, "removed");
            }
        }
        // What stays as it is counts against the limit before anything new is written.
        List<PluginsSpec.Plugin> work = new ArrayList<>();
        for (PluginsSpec.Plugin plugin : declared.values()) {
            Path dir = pluginPath.resolve(plugin.name());
            Optional<InstalledPlugin> installed = InstalledPlugin.read(dir);
            if (Files.exists(dir) && !InstalledPlugin.ours(dir)) {
                results.add(new Result(plugin.name(), Action.FAILED, dir + " exists and was not made by connectops: not replaced "
                        + "(remove it, or give the plugin another name)", null));
                continue;
            }
            if (installed.isPresent() && unchanged(plugin, installed.get())) {
                kept += installed.get().bytes();
                results.add(new Result(plugin.name(), Action.UNCHANGED, installed.get().origin(), installed.get()));
                continue;
            }
            work.add(plugin);
        }
        Budget budget = spec.storageLimit() > 0 ? new Budget(spec.storageLimit(), kept) : Budget.unlimited();
        if (budget.limited() && budget.left() == 0 && !work.isEmpty()) {
            // Nothing can be written: each plugin below is refused with the reason.
            progress.report("", "the plugins kept already fill the storage limit of " + Sizes.human(spec.storageLimit()));
        }
        MavenArtifacts maven = null;
        try {
            for (PluginsSpec.Plugin plugin : work) {
                if (plugin.maven() != null && (maven == null || maven.closed())) { // closed by a resolution past its deadline
                    maven = new MavenArtifacts(mavenCache, spec.effectiveRepositories());
                }
                results.add(installOne(plugin, budget, maven));
            }
        } finally {
            if (maven != null) {
                maven.close();
            }
        }
        results.sort(Comparator.comparing(Result::name));
        return results;
    }

    /** Same origin, and for a URL the same declared sha512: nothing to download. */
    private static boolean unchanged(PluginsSpec.Plugin plugin, InstalledPlugin installed) {
        if (!plugin.origin().equals(installed.origin())) {
            return false;
        }
        return plugin.sha512() == null || plugin.sha512().equals(installed.sha512());
    }

    private Result installOne(PluginsSpec.Plugin plugin, Budget budget, MavenArtifacts maven) {
        Path staging = PluginDirectory.newStaging(pluginPath);
        Path target = pluginPath.resolve(plugin.name());
        boolean replacing = Files.exists(target);
        long before = budget.left();
        try {
            Files.createDirectory(staging);
            // Fixed names inside the staging directory, none taken from the plugin or its URL: a plugin named "previous"
            // or like its URL's file would otherwise collide with the download or the directory it replaces.
            Path dir = Files.createDirectory(staging.resolve("new"));
            Path download = Files.createDirectory(staging.resolve("download")).resolve(plugin.url() == null ? "artifact" : fileName(plugin.url()));
            String sha512;
            if (plugin.url() != null) {
                progress.report(plugin.name(), "downloading " + plugin.origin());
                Downloads.Downloaded got = Downloads.fetch(plugin.url(), download, budget.left(), (bytes, total) -> progress.report(
                        plugin.name(), "downloading " + Sizes.human(bytes) + (total > 0 ? " of " + Sizes.human(total) : "")));
                sha512 = got.sha512();
                checkSha512(plugin, sha512);
                unpackOrCopy(download, PluginsReaderTypes.of(plugin), dir, budget, plugin.name());
            } else {
                progress.report(plugin.name(), "resolving " + plugin.maven().coordinates());
                List<Path> files = maven.resolve(plugin.maven(), budget.left(), Downloads.WHOLE_DOWNLOAD);
                if (plugin.maven().isArchive()) {
                    sha512 = Downloads.sha512(files.get(0));
                    checkSha512(plugin, sha512);
                    unpackOrCopy(files.get(0), plugin.maven().type(), dir, budget, plugin.name());
                } else {
                    StringBuilder digests = new StringBuilder();
                    for (Path file : files) {
                        digests.append(Downloads.sha512(file)).append('\n');
                        unpackOrCopy(file, "jar", dir, budget, plugin.name());
                    }
                    sha512 = files.size() == 1 ? digests.toString().strip() : sha512Of(digests.toString());
                    checkSha512(plugin, sha512);
                }
            }
            Files.deleteIfExists(download);
            long bytes = Sizes.of(dir);
            int files;
            try (Stream<Path> all = Files.walk(dir)) {
                files = (int) all.filter(Files::isRegularFile).count();
            }
            InstalledPlugin installed = new InstalledPlugin(plugin.name(), plugin.origin(), sha512, bytes, files, Instant.now().toString());
            installed.write(dir);
            PluginDirectory.swapIn(dir, target);
            progress.report(plugin.name(), (replacing ? "updated: " : "installed: ") + files + " file(s), " + Sizes.human(bytes));
            return new Result(plugin.name(), replacing ? Action.UPDATED : Action.INSTALLED, plugin.origin(), installed);
        } catch (Exception e) {
            budget.giveBack(before - budget.left());
            progress.report(plugin.name(), "failed: " + message(e));
            return new Result(plugin.name(), Action.FAILED, message(e), null);
        } finally {
            try {
                PluginDirectory.delete(staging);
            } catch (IOException e) {
                progress.report(plugin.name(), "could not remove " + staging + ": " + e.getMessage());
            }
        }
    }

    /** The last segment of a URL's path, as a safe file name (a jar keeps its name in the plugin's directory). */
    static String fileName(String url) {
        String path = java.net.URI.create(url).getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}") ? last : "plugin" + (last.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")
                ? ".jar" : ".archive");
    }

    private static String message(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    private static void checkSha512(PluginsSpec.Plugin plugin, String actual) throws IOException {
        if (plugin.sha512() != null && !plugin.sha512().equals(actual)) {
            throw new Archives.Refused("checksum mismatch: sha512 is " + actual.substring(0, 16) + "..., the declared one "
                    + plugin.sha512().substring(0, 16) + "...: nothing installed (a tampered or different file)");
        }
    }

    private static void unpackOrCopy(Path file, String type, Path dir, Budget budget, String name) throws IOException {
        if (type.equals("jar")) {
            Path target = dir.resolve(file.getFileName().toString());
            try (var in = Files.newInputStream(file); var out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                Archives.copy(in, out, budget, name);
            }
            return;
        }
        Archives.unpack(file, type.equals("zip") ? "zip" : "tar.gz", dir, budget);
    }

    /** The installed plugins of {@code pluginPath}, and the directories connectops did not make. */
    public static List<Result> list(Path pluginPath) throws IOException {
        List<Result> results = new ArrayList<>();
        if (!Files.isDirectory(pluginPath)) {
            return results;
        }
        for (Path dir : PluginDirectory.plugins(pluginPath)) {
            String name = dir.getFileName().toString();
            Optional<InstalledPlugin> installed = InstalledPlugin.read(dir);
            results.add(installed.map(p -> new Result(name, Action.UNCHANGED, p.origin(), p))
                    .orElseGet(() -> new Result(name, Action.FOREIGN, "not installed by connectops", null)));
        }
        return results;
    }

    private static String sha512Of(String text) {
        return java.util.HexFormat.of().formatHex(Downloads.sha512().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A URL plugin's archive type, from its file name. */
    private static final class PluginsReaderTypes {
        static String of(PluginsSpec.Plugin plugin) {
            String path = java.net.URI.create(plugin.url()).getPath().toLowerCase(java.util.Locale.ROOT);
            return path.endsWith(".zip") ? "zip" : path.endsWith(".jar") ? "jar" : "tar.gz";
        }
    }
}
