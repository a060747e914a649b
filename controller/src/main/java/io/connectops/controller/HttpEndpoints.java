package io.connectops.controller;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The controller over HTTP (the JDK's server): {@code GET /healthz} (the sync loop is alive),
 * {@code GET /readyz} (after the first successful sync), {@code GET /status} (JSON),
 * {@code GET /metrics} (Prometheus) and {@code POST /webhook} (fetch now; signed, see
 * {@link WebhookVerifier}). Without a webhook secret the webhook answers 403: an unsigned trigger
 * is not accepted.
 */
public final class HttpEndpoints implements AutoCloseable {
    /** Instants as ISO-8601 text. */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(java.time.Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);
    /** Git hosts' push payloads are well under this; a larger body is refused before it is read. */
    static final int MAX_WEBHOOK_BODY = 1024 * 1024;
    private static final int THREADS = 8;

    static {
        // Before the first server: the JDK server's own time bounds (see JvmSettings).
        io.connectops.concurrent.JvmSettings.apply();
    }

    private final HttpServer server;
    private final ExecutorService threads;
    /** Two threads and a short queue for webhook bodies; past that a webhook is refused at once (503). */
    private final ExecutorService webhookThreads = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(4), r -> {
                Thread t = new Thread(r, "connectops-webhook");
                t.setDaemon(true);
                return t;
            });

    public HttpEndpoints(InetSocketAddress address, Controller controller, String webhookSecret) throws IOException {
        this(address, controller, webhookSecret, null);
    }

    /**
     * @param statusToken when set, {@code /status} needs {@code Authorization: Bearer <token>} (it carries commit
     *                    messages and errors); the probes and {@code /metrics} stay open
     */
    public HttpEndpoints(InetSocketAddress address, Controller controller, String webhookSecret, String statusToken) throws IOException {
        this(address, controller, webhookSecret, statusToken, false);
    }

    /**
     * @param closedWithoutToken when no {@code statusToken} is given, refuse {@code /status} and the dashboard's data
     *                           instead of serving them to anyone (the operator, which listens beyond loopback for its probes)
     */
    public HttpEndpoints(InetSocketAddress address, Controller controller, String webhookSecret, String statusToken,
                         boolean closedWithoutToken) throws IOException {
        server = HttpServer.create(address, 64);
        threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "connectops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        WebhookVerifier verifier = webhookSecret == null || webhookSecret.isEmpty() ? null : new WebhookVerifier(webhookSecret);
        server.createContext("/healthz", exchange -> {
            boolean live = controller.live();
            respond(exchange, live ? 200 : 503, "text/plain", live ? "ok\n" : "the sync loop has not completed a pass for too long\n");
        });
        server.createContext("/readyz", exchange -> {
            boolean ready = controller.ready();
            respond(exchange, ready ? 200 : 503, "text/plain", ready ? (controller.isLeader() ? "ready\n" : "ready (standby)\n")
                    : "not ready: no successful sync yet\n");
        });
        // A random token nobody knows when closed: nothing can match it (the probes and /metrics stay open).
        String token = statusToken != null ? statusToken : closedWithoutToken ? java.util.UUID.randomUUID() + "-unset" : null;
        byte[] expectedStatusAuth = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        server.createContext("/status", exchange -> {
            if (authorized(exchange, expectedStatusAuth)) {
                respond(exchange, 200, "application/json", controller.redactor().redact(JSON.writeValueAsString(controller.status())));
            }
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                controller.metrics().scrape()));
        Dashboard dashboard = new Dashboard(controller::status, controller::detail, controller.redactor()::redact);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Location", "/ui/");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            respond(exchange, 404, "text/plain", "not found\n");
        });
        server.createContext("/ui/", dashboard::page);
        // The data behind the pages: as protected as /status (the page itself holds none).
        server.createContext("/api/", exchange -> {
            if (authorized(exchange, expectedStatusAuth)) {
                dashboard.api(exchange);
            }
        });
        server.createContext("/webhook", exchange -> {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "POST only\n");
                return;
            }
            if (verifier == null) {
                respond(exchange, 403, "text/plain", "webhook disabled: start sync with --webhook-secret-file or CONNECTOPS_WEBHOOK_SECRET\n");
                return;
            }
            // Checked before the body is read: an unauthenticated caller gets no reading of a large or slow body.
            var headers = exchange.getRequestHeaders();
            if (headers.getFirst("X-Hub-Signature-256") == null && !verifier.verify(headers::getFirst, new byte[0])) {
                respond(exchange, 401, "text/plain", "a signature (X-Hub-Signature-256) or token (X-Gitlab-Token) is needed\n");
                return;
            }
            String length = headers.getFirst("Content-Length");
            if (length == null || !length.matches("\\d{1,9}") || Long.parseLong(length) > MAX_WEBHOOK_BODY) {
                respond(exchange, 413, "text/plain", "a webhook body needs a Content-Length of at most " + MAX_WEBHOOK_BODY + " bytes\n");
                return;
            }
            // The body is read on threads of the webhook's own: a slow sender never holds a thread the probes need.
            try {
                webhookThreads.execute(() -> {
                    try {
                        webhook(exchange, verifier, controller);
                    } catch (IOException e) {
                        exchange.close();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                respond(exchange, 503, "text/plain", "busy: too many webhook calls at once\n");
            }
        });
    }

    /**
     * Whether the request carries the status token (always, when none is set); otherwise answers 401 itself. The
     * comparison takes the same time whatever the token given.
     */
    private static boolean authorized(HttpExchange exchange, byte[] expected) throws IOException {
        if (expected == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given != null && java.security.MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        respond(exchange, 401, "text/plain", exchange.getRequestURI().getPath() + " needs 'Authorization: Bearer <status token>'"
                + " (the token given with --status-token-file; without one it is closed)\n");
        return false;
    }

    /** Reads and checks a webhook's body (the server's 10 s request deadline bounds a slow one). */
    private static void webhook(HttpExchange exchange, WebhookVerifier verifier, Controller controller) throws IOException {
        var headers = exchange.getRequestHeaders();
        byte[] body = exchange.getRequestBody().readNBytes(MAX_WEBHOOK_BODY);
        if (!verifier.verify(headers::getFirst, body)) {
            respond(exchange, 401, "text/plain", "signature does not match\n");
            return;
        }
        String ref = ref(body);
        if (ref != null && ref.startsWith("refs/heads/") && !ref.equals("refs/heads/" + controller.branch())) {
            respond(exchange, 202, "text/plain", "ignored: " + ref + " is not the followed branch\n");
            return;
        }
        controller.requestSync();
        respond(exchange, 202, "text/plain", "sync requested\n");
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static String ref(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.hasNonNull("ref") ? json.get("ref").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
        webhookThreads.shutdownNow();
    }
}
