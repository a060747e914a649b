package io.connectops.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP proxy in front of a real Connect worker, for fault tests: it forwards every request,
 * except that rules can answer instead (a 409 storm, a 500 on the bulk read) a given number of
 * times. It also records every request line, so tests can count the calls a command made.
 */
public final class FaultProxy implements AutoCloseable {
    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** Added before forwarding every request: a slow cluster. */
    private volatile Duration delay = Duration.ZERO;

    /** Answers {@code status} + {@code body} instead of forwarding, for the next {@code times} matching requests. */
    private record Rule(Predicate<String> matches, int status, String body, AtomicInteger remaining) {
    }

    public FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * Fails the next {@code times} requests that match, with Connect's error body. The predicate sees
     * "METHOD /path?query", a newline, and the request body.
     */
    public void fail(Predicate<String> requestLine, int times, int status, String message) {
        rules.add(new Rule(requestLine, status, "{\"error_code\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}",
                new AtomicInteger(times)));
    }

    public void clearFaults() {
        rules.clear();
        delay = Duration.ZERO;
    }

    /** Makes every request that follows take {@code delay} longer (a slow cluster); ZERO to stop. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Every request line seen ("GET /connectors?expand=info&expand=status"), in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String line = exchange.getRequestMethod() + " " + pathAndQuery;
        requests.add(line);
        byte[] requestBody;
        try (InputStream in = exchange.getRequestBody()) {
            requestBody = in.readAllBytes();
        }
        String lineAndBody = line + "\n" + new String(requestBody, StandardCharsets.UTF_8);
        Duration pause = delay;
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Rule rule : rules) {
            if (rule.matches().test(lineAndBody) && rule.remaining().getAndDecrement() > 0) {
                respond(exchange, rule.status(), rule.body().getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        try {
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                forward.header("Content-Type", contentType);
            }
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, new byte[0]);
        } catch (IOException e) {
            respond(exchange, 502, ("{\"error_code\":502,\"message\":\"proxy: " + e + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean empty = body.length == 0 || status == 204;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!empty) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
