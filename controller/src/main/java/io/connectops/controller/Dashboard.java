package io.connectops.controller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;

/**
 * The web dashboard (docs/dashboard.md): static pages from the classpath under {@code /ui/} (no data in them, nothing
 * fetched from elsewhere: a Content-Security-Policy of 'self' only), and the two calls they make besides
 * {@code /status}: {@code /api/version} (a fingerprint of what the pages show, polled once a second so they
 * re-read only on change) and {@code /api/resource} (one resource's detail). Every answer passes the redactor.
 */
final class Dashboard {
    private static final Map<String, String> FILES = Map.of("index.html", "text/html; charset=utf-8", "app.js",
            "text/javascript; charset=utf-8", "app.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Supplier<ControllerStatus> status;
    private final BiFunction<String, String, Optional<ResourceDetail>> detail;
    private final java.util.function.UnaryOperator<String> redact;

    Dashboard(Supplier<ControllerStatus> status, BiFunction<String, String, Optional<ResourceDetail>> detail,
              java.util.function.UnaryOperator<String> redact) {
        this.status = status;
        this.redact = redact;
        this.detail = detail;
    }

    /**
     * One resource's page data. One observation, one verdict: the diff is what the last pass planned, which its apply
     * then corrected; while the status says Synced that diff is history, not a difference, and is not shown (for a few
     * seconds after a correction the page showed a diff under "Synced").
     */
    static Map<String, Object> resourceBody(String cluster, String name, ResourceStatus resource, Optional<ResourceDetail> known) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cluster", cluster);
        body.put("name", name);
        boolean synced = resource != null && resource.sync() == io.connectops.status.SyncState.Synced;
        known.ifPresent(d -> {
            body.put("kind", d.kind());
            body.put("file", d.file());
            body.put("line", d.line());
            body.put("declared", d.declared());
            body.put("live", d.live());
            body.put("diff", synced ? java.util.List.of() : d.diff());
        });
        body.put("status", resource);
        return body;
    }

    void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/ui/".length());
        String file = path.isEmpty() ? "index.html" : path;
        String type = FILES.get(file);
        if (type == null || !"GET".equals(exchange.getRequestMethod())) {
            HttpEndpoints.respond(exchange, 404, "text/plain", "not found\n");
            return;
        }
        byte[] bytes;
        try (InputStream in = Dashboard.class.getResourceAsStream("ui/" + file)) {
            bytes = Objects.requireNonNull(in, file).readAllBytes();
        }
        headers(exchange, type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/version")) {
            headers(exchange, "text/plain; charset=utf-8");
            HttpEndpoints.respond(exchange, 200, "text/plain; charset=utf-8", version(status.get()));
            return;
        }
        if (path.equals("/api/resource")) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String cluster = query.get("cluster");
            String name = query.get("name");
            if (cluster == null || name == null) {
                HttpEndpoints.respond(exchange, 400, "text/plain", "?cluster=CLUSTER&name=NAME\n");
                return;
            }
            ControllerStatus now = status.get();
            ResourceStatus resource = now.resources().stream().filter(r -> r.cluster().equals(cluster) && r.connector().equals(name))
                    .findFirst().orElse(null);
            Optional<ResourceDetail> known = detail.apply(cluster, name);
            if (resource == null && known.isEmpty()) {
                HttpEndpoints.respond(exchange, 404, "text/plain", "no resource " + name + " on " + cluster + "\n");
                return;
            }
            Map<String, Object> body = resourceBody(cluster, name, resource, known);
            body.put("events", now.events().stream().filter(e -> cluster.equals(e.cluster()) && name.equals(e.resource())).toList());
            headers(exchange, "application/json");
            HttpEndpoints.respond(exchange, 200, "application/json", redact.apply(HttpEndpoints.JSON.writeValueAsString(body)));
            return;
        }
        HttpEndpoints.respond(exchange, 404, "text/plain", "not found\n");
    }

    /**
     * What the pages show, fingerprinted: resources, events, revisions, errors, leadership and which clusters work —
     * not the times of the last fetch or pass, which move at every resync without changing anything shown.
     */
    static String version(ControllerStatus s) {
        List<Object> parts = List.of(String.valueOf(s.lastAppliedRevision()), String.valueOf(s.lastAttemptedRevision()),
                String.valueOf(s.lastError()), String.valueOf(s.fetchError()), s.leader(), s.ready(), s.resources(), s.events(),
                s.revisions(), s.clusters().stream().map(c -> c.name() + c.ok() + c.error()).toList());
        return Integer.toHexString(parts.hashCode());
    }

    private static void headers(HttpExchange exchange, String type) {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Content-Type", type);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
