package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code status --controller URL}: a running controller's {@code /status}, as a table or as data. */
final class ControllerStatusView {
    private ControllerStatusView() {
    }

    static int print(URI controller, OutputFormat format, PrintWriter out) throws IOException, InterruptedException {
        URI uri = URI.create(controller.toString().replaceAll("/+$", "") + "/status");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused (is 'connectops sync' or 'connectops operator' "
                    + "running and serving HTTP there? --http-port)" : e instanceof java.net.http.HttpTimeoutException ? "no answer within 10 s"
                    : ErrorReporter.describe(e);
            throw new IllegalStateException("cannot reach the controller at " + uri + ": " + why, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered HTTP " + response.statusCode());
        }
        JsonNode status = Printer.JSON.readTree(response.body());
        if (format == OutputFormat.json || format == OutputFormat.yaml) {
            Printer.print(status, format, out);
            return ExitCodes.OK;
        }
        out.printf("repository  %s  branch %s  path %s%n", status.path("repository").asText(), status.path("branch").asText(),
                status.path("path").asText());
        out.printf("controller  %s, %s%n", status.path("leader").asBoolean() ? "leader" : "standby",
                status.path("ready").asBoolean() ? "ready" : "not ready");
        out.printf("applied     %s%n", text(status, "lastAppliedRevision"));
        out.printf("attempted   %s%n", text(status, "lastAttemptedRevision"));
        if (status.hasNonNull("lastError")) {
            out.printf("last error  %s%n", status.get("lastError").asText());
        }
        if (status.hasNonNull("fetchError")) {
            out.printf("git         %s%n", status.get("fetchError").asText());
        }
        for (JsonNode cluster : status.path("clusters")) {
            out.printf("cluster     %s: %s%s%n", cluster.path("name").asText(), cluster.path("ok").asBoolean() ? "ok" : "failing",
                    cluster.hasNonNull("error") ? " (" + cluster.get("error").asText() + ")" : "");
        }
        out.println();
        out.printf("  %-12s %-36s %-10s %-12s %-8s %-12s %s%n", "CLUSTER", "CONNECTOR", "SYNC", "HEALTH", "RESTARTS", "REVISION", "MESSAGE");
        for (JsonNode r : status.path("resources")) {
            String message = r.hasNonNull("lastError") ? r.get("lastError").asText() : r.hasNonNull("message") ? r.get("message").asText() : "";
            String revision = r.hasNonNull("lastAppliedRevision") ? r.get("lastAppliedRevision").asText().substring(0, 12) : "-";
            out.printf("  %-12s %-36s %-10s %-12s %-8d %-12s %s%n", r.path("cluster").asText(), r.path("connector").asText(),
                    r.path("sync").asText(), r.path("health").asText(), r.path("restartCount").asInt(), revision, message);
        }
        JsonNode events = status.path("events");
        if (events.size() > 0) {
            out.println();
            out.println("recent events:");
            for (int i = Math.max(0, events.size() - 10); i < events.size(); i++) {
                JsonNode e = events.get(i);
                String time = e.path("time").asText();
                out.printf("  %s  %-16s %s%s%n", time.length() > 19 ? time.substring(0, 19).replace('T', ' ') : time, e.path("reason").asText(),
                        e.hasNonNull("resource") ? e.get("resource").asText() + ": " : "", e.path("message").asText());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "-";
    }
}
