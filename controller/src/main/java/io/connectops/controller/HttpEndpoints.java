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
import io.connectops.secrets.Redactor;

/**
 * The controller over HTTP (the JDK's server, two threads): {@code GET /healthz} (the process is up),
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
    private static final int MAX_WEBHOOK_BODY = 5 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;

    public HttpEndpoints(InetSocketAddress address, Controller controller, String webhookSecret) throws IOException {
        server = HttpServer.create(address, 32);
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "connectops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        WebhookVerifier verifier = webhookSecret == null || webhookSecret.isEmpty() ? null : new WebhookVerifier(webhookSecret);
        server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/readyz", exchange -> {
            boolean ready = controller.ready();
            respond(exchange, ready ? 200 : 503, "text/plain", ready ? (controller.isLeader() ? "ready\n" : "ready (standby)\n")
                    : "not ready: no successful sync yet\n");
        });
        server.createContext("/status", exchange -> respond(exchange, 200, "application/json",
                Redactor.redact(JSON.writeValueAsString(controller.status()))));
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                controller.metrics().scrape()));
        server.createContext("/webhook", exchange -> {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "POST only\n");
                return;
            }
            if (verifier == null) {
                respond(exchange, 403, "text/plain", "webhook disabled: start sync with --webhook-secret-file or CONNECTOPS_WEBHOOK_SECRET\n");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_WEBHOOK_BODY);
            if (!verifier.verify(name -> exchange.getRequestHeaders().getFirst(name), body)) {
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
        });
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

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
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
    }
}
