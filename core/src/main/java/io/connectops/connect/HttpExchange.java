package io.connectops.connect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.HttpsURLConnection;

/**
 * One HTTP exchange, bounded as a whole: a connect timeout, a deadline on everything after it
 * (headers and body together: a server that drips one byte a second is cut off at the deadline, not
 * when each read waits too long), and a cap on the answer's size (read up to the cap, never further).
 *
 * <p>Built on {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: a one-shot
 * command starts the latter in ~0.4 s (its selector thread, TLS set-up, reactive plumbing), the former
 * in ~0.05 s, and blocking reads make the deadline simple: a watchdog closes the connection.
 */
final class HttpExchange {
    /** What came back: the status and the body as text (up to the cap). */
    record Response(int status, String body) {
    }

    /** Nothing was sent: the connection could not be made. Any request, a write too, may go to another worker. */
    static final class NotConnected extends IOException {
        NotConnected(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The answer did not finish in time: the request may have been processed. */
    static final class DeadlineExceeded extends IOException {
        DeadlineExceeded(String message) {
            super(message);
        }
    }

    /** The answer is larger than the cap. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "connectops-http-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // an exchange that ended in time leaves nothing queued
        return executor;
    }

    static {
        // Before the first connection (never a POST sent twice by the JDK): see JvmSettings.
        io.connectops.concurrent.JvmSettings.apply();
    }

    private HttpExchange() {
    }

    static Response send(URI uri, String method, String body, String authorization, javax.net.ssl.SSLContext tls,
                         Duration connectTimeout, Duration deadline, long maxBodyBytes) throws IOException {
        if (method.equals("PATCH")) {
            return patch(uri, body, authorization, tls, connectTimeout, deadline, maxBodyBytes);
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https && tls != null) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(saturatedMillis(connectTimeout));
        connection.setReadTimeout(saturatedMillis(deadline));
        connection.setRequestMethod(method);
        connection.setRequestProperty("Accept", "application/json");
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (payload != null) {
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(payload.length);
        }
        try {
            connection.connect();
        } catch (IOException e) {
            throw new NotConnected(e);
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        AtomicBoolean expired = new AtomicBoolean();
        AtomicBoolean readingBody = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            if (readingBody.get()) {
                return; // the body loop checks the deadline after every read, and a stalled read times out
            }
            // On a thread of its own: closing a connection may wait, and must never hold up other exchanges' deadlines.
            Thread closer = new Thread(connection::disconnect, "connectops-http-close");
            closer.setDaemon(true);
            closer.start();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (payload != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(payload);
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            readingBody.set(true);
            String text = stream == null ? "" : readCapped(stream, maxBodyBytes, uri, deadlineNanos, deadline);
            return new Response(status, text);
        } catch (DeadlineExceeded | TooLarge e) {
            throw e;
        } catch (IOException e) {
            if (expired.get() || System.nanoTime() >= deadlineNanos - 50_000_000L) {
                throw new DeadlineExceeded("no complete answer from " + base(uri) + " within " + deadline.toSeconds() + " s");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * PATCH, which HttpURLConnection cannot send (Connect uses it only to alter offsets): the JDK's HttpClient with
     * the same bounds — connect timeout, one deadline for the whole exchange, a capped body. Never retried by the
     * client itself, like every write here.
     */
    private static Response patch(URI uri, String body, String authorization, javax.net.ssl.SSLContext tls, Duration connectTimeout,
                                  Duration deadline, long maxBodyBytes) throws IOException {
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri).timeout(deadline)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        try {
            java.net.http.HttpResponse<InputStream> response = builder.build().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            return new Response(response.statusCode(), readCapped(response.body(), maxBodyBytes, uri, deadlineNanos, deadline));
        } catch (java.net.ConnectException e) {
            throw new NotConnected(e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new DeadlineExceeded("no complete answer from " + base(uri) + " within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    /** The body up to {@code max} bytes, and only until the deadline (checked after every read: a drip is cut off). */
    private static String readCapped(InputStream stream, long max, URI uri, long deadlineNanos, Duration deadline) throws IOException {
        try (InputStream in = stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while (System.nanoTime() <= deadlineNanos && (n = in.read(buffer)) >= 0) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new DeadlineExceeded("no complete answer from " + base(uri) + " within " + deadline.toSeconds() + " s");
                }
                total += n;
                if (total > max) {
                    throw new TooLarge("the answer from " + base(uri) + " is larger than " + (max >> 20) + " MiB: refused");
                }
                out.write(buffer, 0, n);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new DeadlineExceeded("no complete answer from " + base(uri) + " within " + deadline.toSeconds() + " s");
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String base(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/";
    }

    private static int saturatedMillis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
