package io.connectops.connect;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link ConnectClient} talks to a Connect cluster: one request, retried within the {@link RetryPolicy}'s bounds,
 * failed over to another of the cluster's URLs when nothing was sent (or it was a read), its answer bounded in size
 * and read as JSON, its failure said in words a user acts on. Counts every HTTP exchange.
 */
final class ConnectTransport {
    /** Made on first use: a one-shot command that logs nothing never starts the logging system. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ConnectClient.class);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UNREACHABLE_ATTEMPTS = 3;
    /** No answer of Connect's is larger (10,000 connectors with config and status are ~10 MiB): a bigger one is refused, not read. */
    static final long MAX_ANSWER_BYTES = 64L << 20;

    private final ConnectEndpoint endpoint;
    /** For https URLs with the cluster's own TLS settings; null for the JDK's defaults. */
    private final javax.net.ssl.SSLContext tls;
    private final RetryPolicy retry;
    private final AtomicLong calls = new AtomicLong();
    private final ConnectClient.CallObserver observer;
    private final java.util.function.BooleanSupplier writesAllowed;
    /** Index of the URL that answered last: stick to a worker that works. */
    private volatile int preferredUrl;

    ConnectTransport(ConnectEndpoint endpoint, RetryPolicy retry, ConnectClient.CallObserver observer,
                     java.util.function.BooleanSupplier writesAllowed) {
        this.endpoint = endpoint;
        this.retry = retry;
        this.observer = observer;
        this.writesAllowed = writesAllowed;
        this.tls = endpoint.sslContext();
    }

    /** HTTP requests sent so far, retries included. */
    long calls() {
        return calls.get();
    }

    JsonNode send(String method, String path, JsonNode body, String what) {
        Instant deadline = Instant.now().plus(retry.maxTotal());
        String context = what + " on " + endpoint.cluster();
        if (!method.equals("GET") && !path.endsWith("/config/validate") && !writesAllowed.getAsBoolean()) {
            throw new ConnectApiException(context, "not written: this controller is no longer the leader", null);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body, context);
            } catch (ConnectApiException e) {
                boolean unreachable = e.status() == 0;
                // A write that may have reached the worker is not repeated blindly: only refused connections are.
                boolean retryable = e.isRetryable() || (unreachable && !(e.getCause() instanceof HttpExchange.TooLarge)
                        && (method.equals("GET") || e.getCause() instanceof HttpExchange.NotConnected));
                var pause = retry.backoff(attempt);
                // A worker that cannot be reached at all gets a few tries, not the full budget meant for rebalances.
                int maxAttempts = unreachable ? Math.min(UNREACHABLE_ATTEMPTS, retry.maxAttempts()) : retry.maxAttempts();
                if (!retryable || attempt >= maxAttempts || Instant.now().plus(pause).isAfter(deadline)) {
                    throw e;
                }
                Log.LOG.debug("{} failed ({}); retry {} in {} ms", context, e.getMessage(), attempt, pause.toMillis());
                sleep(pause.toMillis());
            }
        }
    }

    /**
     * One attempt, trying the cluster's URLs in turn. A request fails over to the next worker only when
     * nothing was sent (the connection could not be made) or when it is a read: a write that may have
     * reached a worker is never sent to another one (that would duplicate a create or a restart).
     */
    private JsonNode sendOnce(String method, String path, JsonNode body, String context) {
        List<java.net.URI> urls = endpoint.urls();
        int first = preferredUrl;
        ConnectApiException lastUnreachable = null;
        String text = body == null ? null : body.toString();
        for (int i = 0; i < urls.size(); i++) {
            int index = (first + i) % urls.size();
            // Appended, not resolved: resolve() would normalise "connectors/../config" into "config".
            URI uri = URI.create(urls.get(index).toString() + path);
            calls.incrementAndGet();
            long started = System.nanoTime();
            HttpExchange.Response response;
            try {
                response = HttpExchange.send(uri, method, text, endpoint.authorization(), tls, endpoint.connectTimeout(),
                        endpoint.requestTimeout(), MAX_ANSWER_BYTES);
                observer.observe(endpoint.cluster(), method, response.status(), System.nanoTime() - started);
            } catch (HttpExchange.TooLarge e) {
                observer.observe(endpoint.cluster(), method, -1, System.nanoTime() - started);
                throw new ConnectApiException(context, e.getMessage(), e);
            } catch (HttpExchange.NotConnected e) {
                observer.observe(endpoint.cluster(), method, -1, System.nanoTime() - started);
                lastUnreachable = new ConnectApiException(context, e.getCause() instanceof java.net.SocketTimeoutException
                        ? "cannot reach " + urls.get(index) + ": no connection within " + endpoint.connectTimeout().toSeconds() + " s"
                        : unreachable(urls.get(index), (IOException) e.getCause()), e);
                continue;
            } catch (IOException e) {
                observer.observe(endpoint.cluster(), method, -1, System.nanoTime() - started);
                ConnectApiException failure = new ConnectApiException(context, e instanceof HttpExchange.DeadlineExceeded
                        ? e.getMessage() : unreachable(urls.get(index), e), e);
                if (!method.equals("GET")) {
                    throw failure; // it may have been processed: not sent to another worker
                }
                lastUnreachable = failure;
                continue;
            }
            preferredUrl = index;
            return parse(response, context);
        }
        throw lastUnreachable;
    }

    /** Why a URL could not be reached, in words a user acts on. */
    static String unreachable(URI url, IOException e) {
        String host = url.getHost();
        if (causedBy(e, java.nio.channels.UnresolvedAddressException.class) || causedBy(e, java.net.UnknownHostException.class)) {
            return "cannot reach " + url + ": the host name '" + host + "' could not be resolved (check the URL)";
        }
        if (causedBy(e, javax.net.ssl.SSLException.class)) {
            return "cannot reach " + url + ": the TLS handshake failed (check spec.tls, and http:// or https://)";
        }
        if (causedBy(e, ConnectException.class)) {
            return "cannot reach " + url + ": the connection was refused (is Connect running on " + host + " port "
                    + (url.getPort() < 0 ? ("https".equals(url.getScheme()) ? 443 : 80) : url.getPort()) + "?)";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("header parser received no bytes") || message.contains("EOF") || message.contains("Connection reset")
                || message.contains("closed")) {
            return "cannot reach " + url + ": the server closed the connection without an HTTP answer (is this a Connect REST port, "
                    + "not Kafka's?)";
        }
        return "cannot reach " + url + " (" + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + ")";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(HttpExchange.Response response, String context) {
        int status = response.status();
        String text = response.body();
        JsonNode json = null;
        if (text != null && !text.isBlank()) {
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                if (status < 300) {
                    throw new ConnectApiException(context, status, "the answer is not JSON: " + abbreviate(text));
                }
            }
        }
        if (status >= 200 && status < 300) {
            return json == null ? JSON.nullNode() : json;
        }
        String message = json != null && json.has("message") ? json.path("message").asText() : abbreviate(text);
        if (status == 401 || status == 403) {
            message += " (check the ConnectCluster's auth settings)";
        }
        throw new ConnectApiException(context, status, message);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectApiException("retry", "interrupted", e);
        }
    }
}
