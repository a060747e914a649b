package io.connectops.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a plugin archive from a URL: a connect timeout, a deadline for the answer's headers and one for the
 * whole download, at most {@code maxBytes} (the storage budget; a Content-Length above it is refused before a
 * byte is written), the SHA-512 computed on the way. Redirects are followed, never from https to http.
 */
final class Downloads {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(30);
    static final Duration WHOLE_DOWNLOAD = Duration.ofMinutes(10);

    /** Progress of one download: bytes so far, and the total when the server said it (else -1). */
    interface Listener {
        void progress(long bytes, long total);
    }

    private Downloads() {
    }

    /** The file written and its SHA-512 (lower-case hex). */
    record Downloaded(Path file, String sha512, long bytes) {
    }

    static Downloaded fetch(String url, Path to, long maxBytes, Listener listener) throws IOException {
        return fetch(url, to, maxBytes, WHOLE_DOWNLOAD, listener);
    }

    static Downloaded fetch(String url, Path to, long maxBytes, Duration within, Listener listener) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(HEADERS_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException(host(url) + " did not answer within " + HEADERS_TIMEOUT.toSeconds() + " s");
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot connect to " + host(url) + ": " + e.getMessage());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(host(url) + " answered HTTP " + response.statusCode() + " for " + url);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (total > maxBytes) {
                throw new Archives.Refused("the download is " + Sizes.human(total) + ", more than the " + Sizes.human(maxBytes)
                        + " left under the storage limit: refused before writing");
            }
            MessageDigest sha = sha512();
            long deadline = System.nanoTime() + within.toNanos();
            long bytes = 0;
            // A server that stalls mid-body blocks a read for ever: at the deadline the body is closed under the reader,
            // which ends its read with an IOException (the check in the loop covers a server that trickles).
            java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CompletableFuture<Void> watchdog = java.util.concurrent.CompletableFuture.runAsync(() -> {
                expired.set(true);
                closeQuietly(body);
            }, java.util.concurrent.CompletableFuture.delayedExecutor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(to)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                long reported = 0;
                while ((n = in.read(buffer)) >= 0) {
                    bytes += n;
                    if (bytes > maxBytes) {
                        throw new Archives.Refused("the download passed the " + Sizes.human(maxBytes)
                                + " left under the storage limit: refused");
                    }
                    if (System.nanoTime() > deadline) {
                        throw tooLong(url, within);
                    }
                    out.write(buffer, 0, n);
                    if (bytes - reported >= 1 << 20) {
                        listener.progress(bytes, total);
                        reported = bytes;
                    }
                }
            } catch (IOException e) {
                throw expired.get() ? tooLong(url, within) : e;
            } finally {
                watchdog.cancel(false);
            }
            listener.progress(bytes, total);
            return new Downloaded(to, HexFormat.of().formatHex(sha.digest()), bytes);
        }
    }

    private static IOException tooLong(String url, Duration within) {
        return new IOException("the download from " + host(url) + " took more than "
                + (within.toMinutes() > 0 ? within.toMinutes() + " min" : within.toMillis() / 1000.0 + " s"));
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // closing to stop a reader: nothing more to do
        }
    }

    static String sha512(Path file) throws IOException {
        MessageDigest sha = sha512();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String host(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
