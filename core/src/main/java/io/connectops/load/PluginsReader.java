package io.connectops.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectops.model.PluginsSpec;

/**
 * A ConnectCluster's {@code plugins}, {@code pluginRepositories} and {@code pluginStorageLimit}. Everything that
 * can be checked without a download is checked here: names usable as directories, Maven coordinates, URLs with
 * their required sha512, no SNAPSHOT (it changes under the same name), a readable size.
 */
final class PluginsReader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern COORDINATES = Pattern.compile("([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([A-Za-z0-9_.+-]+)");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(Ki|Mi|Gi|Ti|K|M|G|T|k)?");
    static final List<String> TYPES = List.of("jar", "zip", "tar.gz", "tgz");

    private PluginsReader() {
    }

    static PluginsSpec plugins(Fields spec) {
        List<PluginsSpec.Plugin> plugins = new ArrayList<>();
        Set<String> names = new HashSet<>();
        java.util.Map<PluginsSpec.Plugin, Fields> declaredAt = new java.util.HashMap<>();
        for (Fields item : spec.objectList("plugins", "a plugin: {name, maven: group:artifact:version} or {name, url, sha512}")) {
            PluginsSpec.Plugin plugin = plugin(item);
            if (plugin != null && !names.add(plugin.name())) {
                item.problem("name", "plugin '" + plugin.name() + "' is declared twice: each plugin is a directory of its own");
            } else if (plugin != null) {
                plugins.add(plugin);
                declaredAt.put(plugin, item);
            }
        }
        List<PluginsSpec.Repository> repositories = new ArrayList<>();
        for (Fields item : spec.objectList("pluginRepositories", "a Maven repository: {name, url, username, password}")) {
            item.allowOnly("name", "url", "username", "password");
            String name = item.requiredString("name");
            String url = httpUrl(item, "url");
            if (item.has("password") && !item.document().isSecret(item.pointerOf("password"))) {
                item.problem("password", "a repository password must come from a secret variable ({{ nexus.password }}), never be written "
                        + "in the file");
            }
            if (url != null && !secure(url) && (item.has("username") || item.has("password"))) {
                item.problem("url", "'" + url + "' is plain http: its username and password would cross the network in the clear. Use "
                        + "https (http is only for a repository on this machine: localhost, 127.0.0.1)");
                url = null;
            }
            if (name != null && url != null) {
                repositories.add(new PluginsSpec.Repository(name, url.endsWith("/") ? url : url + "/", item.string("username"),
                        item.string("password")));
            }
        }
        // An artifact from a plain-http repository can be swapped on the way, checksum files included: only a sha512 the
        // file pins says it is the one reviewed (as for a plugin from a URL).
        String plain = repositories.stream().map(PluginsSpec.Repository::url).filter(u -> !secure(u)).findFirst().orElse(null);
        if (plain != null) {
            for (PluginsSpec.Plugin plugin : plugins) {
                if (plugin.maven() != null && plugin.sha512() == null) {
                    declaredAt.get(plugin).problem("maven", "plugin '" + plugin.name() + "' may come from the plain-http repository " + plain
                            + ": give its 'sha512' (sha512sum FILE prints it), or serve the repository over https");
                }
            }
        }
        long limit = 0;
        String size = spec.string("pluginStorageLimit");
        if (size != null) {
            try {
                limit = bytes(size);
            } catch (IllegalArgumentException e) {
                spec.problem("pluginStorageLimit", e.getMessage());
            }
        }
        return plugins.isEmpty() && repositories.isEmpty() && limit == 0 ? PluginsSpec.NONE : new PluginsSpec(plugins, repositories, limit);
    }

    private static PluginsSpec.Plugin plugin(Fields item) {
        item.allowOnly("name", "maven", "classifier", "type", "url", "sha512");
        String name = item.requiredString("name");
        if (name != null && !NAME.matcher(name).matches()) {
            item.problem("name", "plugin name '" + name + "' must be 1 to 63 lower-case letters, digits, '.', '_' or '-' (it is a "
                    + "directory name)");
            name = null;
        }
        String sha512 = item.string("sha512");
        if (sha512 != null) {
            sha512 = sha512.trim().toLowerCase(Locale.ROOT);
            if (!SHA512.matcher(sha512).matches()) {
                item.problem("sha512", "'sha512' must be 128 hexadecimal digits (sha512sum FILE prints it)");
            }
        }
        String coordinates = item.string("maven");
        String url = item.string("url");
        if ((coordinates == null) == (url == null)) {
            item.problem(null, "a plugin comes from 'maven: group:artifact:version' or from 'url' (with 'sha512'): one of them");
            return null;
        }
        PluginsSpec.Maven maven = null;
        if (coordinates != null) {
            Matcher m = COORDINATES.matcher(coordinates.trim());
            String type = item.string("type");
            type = type == null ? "jar" : type;
            if (!TYPES.contains(type)) {
                item.problem("type", "plugin type '" + type + "' is not one of " + String.join(", ", TYPES));
            }
            if (!m.matches()) {
                item.problem("maven", "'" + coordinates + "' is not group:artifact:version (classifier and type go in their own fields)");
            } else if (m.group(3).endsWith("-SNAPSHOT")) {
                item.problem("maven", "'" + coordinates + "' is a SNAPSHOT, which changes under the same name: use a release");
            } else {
                maven = new PluginsSpec.Maven(m.group(1), m.group(2), m.group(3), item.string("classifier"), type);
            }
        } else {
            if (item.has("classifier") || item.has("type")) {
                item.problem(item.has("classifier") ? "classifier" : "type", "'classifier' and 'type' are for 'maven' plugins: a URL's "
                        + "file name tells its type (.jar, .zip, .tar.gz, .tgz)");
            }
            url = httpUrl(item, "url");
            if (sha512 == null) {
                item.problem("url", "a plugin from a URL needs 'sha512' (sha512sum FILE prints it): nothing is installed unchecked");
            }
            if (url != null && archiveType(url) == null) {
                item.problem("url", "'" + url + "' does not end in .jar, .zip, .tar.gz or .tgz: connectops cannot tell how to install it");
            }
        }
        return name == null || (maven == null && url == null) ? null : new PluginsSpec.Plugin(name, maven, url, sha512, item.location());
    }

    /** https, or http to this machine only. */
    static boolean secure(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equals(uri.getScheme()) || host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || host.equals("::1");
    }

    /** The archive type a URL's file name says, or null. */
    static String archiveType(String url) {
        String path = URI.create(url).getPath().toLowerCase(Locale.ROOT);
        return TYPES.stream().filter(t -> path.endsWith("." + t)).findFirst().orElse(null);
    }

    private static String httpUrl(Fields item, String field) {
        String text = item.requiredString(field);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "expected http:// or https://");
            }
            if (uri.getRawUserInfo() != null) {
                item.problem(field, "'" + field + "' may not carry a user or password (user:pass@)");
                return null;
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            item.problem(field, "'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
    }

    /** "512Mi", "1Gi", "100M", "1048576": bytes, as Kubernetes quantities are written. */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 512Mi, 2Gi or 500M");
        }
        if (m.group(1).length() > 18) {
            throw new IllegalArgumentException("'" + text + "' is more bytes than anything can hold: write e.g. 512Mi, 2Gi or 500M");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        long factor = switch (unit) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k", "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is more bytes than anything can hold: write e.g. 512Mi, 2Gi or 500M");
        }
    }
}
