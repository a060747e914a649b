package io.connectops.connect;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * Where one Connect cluster's REST API is and how to talk to it. Several URLs are workers of the same
 * cluster: a call that cannot reach one tries the next.
 *
 * @param authorization the value of the Authorization header, or null; never printed ({@link #toString()} hides it)
 * @param sslContext    for https URLs, or null for the JDK default
 */
public record ConnectEndpoint(String cluster, List<URI> urls, String authorization, SSLContext sslContext,
                              Duration connectTimeout, Duration requestTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public ConnectEndpoint {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("a Connect cluster needs at least one URL");
        }
        urls = urls.stream().map(ConnectEndpoint::withTrailingSlash).toList();
    }

    public static ConnectEndpoint of(String cluster, URI url) {
        return new ConnectEndpoint(cluster, List.of(url), null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    private static URI withTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    @Override
    public String toString() {
        return "ConnectEndpoint[" + cluster + " " + urls + (authorization == null ? "" : ", auth (sensitive)") + "]";
    }
}
