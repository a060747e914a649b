package io.connectops.model;

import java.util.List;

/**
 * The connector plugins a Connect cluster's workers have installed ({@code spec.plugins} of a ConnectCluster),
 * where they come from, and how much room they may take.
 *
 * @param repositories where Maven plugins are resolved; none declared means Maven Central (a declared list replaces
 *                     it: a mirror is the only repository)
 * @param storageLimit bytes the plugin directory may hold, 0 for no limit
 */
public record PluginsSpec(List<Plugin> plugins, List<Repository> repositories, long storageLimit) {
    public static final PluginsSpec NONE = new PluginsSpec(List.of(), List.of(), 0);
    public static final Repository MAVEN_CENTRAL = new Repository("central", "https://repo1.maven.org/maven2/", null, null);

    public PluginsSpec {
        plugins = List.copyOf(plugins);
        repositories = List.copyOf(repositories);
    }

    /** The repositories Maven plugins are resolved from. */
    public List<Repository> effectiveRepositories() {
        return repositories.isEmpty() ? List.of(MAVEN_CENTRAL) : repositories;
    }

    /**
     * One plugin, installed into {@code PLUGIN_PATH/name/}: from Maven coordinates (checked against the repository's
     * checksums, and {@code sha512} when given) or from a URL (its {@code sha512} required).
     */
    public record Plugin(String name, Maven maven, String url, String sha512, SourceLocation source) {
        /**
         * Where it comes from, in words: the coordinates or the URL, its query (a download token is a secret) shown as a
         * digest only. This is what is printed and kept in the installed plugin's marker, and what tells a changed origin.
         */
        public String origin() {
            if (maven != null) {
                return maven.coordinates();
            }
            int query = url.indexOf('?');
            if (query < 0) {
                return url;
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(url.substring(query + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return url.substring(0, query) + "?(query sha256:" + java.util.HexFormat.of().formatHex(digest).substring(0, 16) + ")";
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Maven coordinates.
     *
     * @param type {@code jar} (with its runtime dependencies), {@code zip}, {@code tar.gz} or {@code tgz} (an archive: unpacked)
     */
    public record Maven(String group, String artifact, String version, String classifier, String type) {
        /** group:artifact:type[:classifier]:version, Maven's own long form. */
        public String coordinates() {
            return group + ":" + artifact + ":" + type + (classifier == null ? "" : ":" + classifier) + ":" + version;
        }

        public boolean isArchive() {
            return !type.equals("jar");
        }
    }

    /** A Maven repository; the password from a secret variable, never printed. */
    public record Repository(String name, String url, String username, String password) {
        @Override
        public String toString() {
            return "Repository[" + name + " " + url + (username == null ? "" : ", user " + username + ", password (sensitive)") + "]";
        }
    }
}
