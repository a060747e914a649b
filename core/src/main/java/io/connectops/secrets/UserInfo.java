package io.connectops.secrets;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code user:password@} part of a URL, taken out: a URL is printed (start-up lines, errors, status)
 * and its credentials must not be. What is not a URL (a local path, {@code git@host:path}) is left as it is.
 *
 * @param url      the URL without user-info
 * @param user     the user name, or null
 * @param password the password or token, or null
 */
public record UserInfo(String url, String user, String password) {
    public static UserInfo split(String text) {
        if (text == null || !text.contains("://")) {
            return new UserInfo(text, null, null);
        }
        try {
            URI uri = URI.create(text);
            String raw = uri.getRawUserInfo();
            if (raw == null) {
                return new UserInfo(text, null, null);
            }
            URI bare = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
            int colon = raw.indexOf(':');
            String user = decode(colon < 0 ? raw : raw.substring(0, colon));
            String password = colon < 0 ? null : decode(raw.substring(colon + 1));
            return new UserInfo(bare.toString(), user, password);
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return new UserInfo(text, null, null);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "UserInfo[" + url + (user == null ? "" : ", user " + user) + (password == null ? "" : ", (sensitive)") + "]";
    }
}
