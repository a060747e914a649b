package io.connectops.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Bare REST calls for the devstack's own tests (the product's client lives in core). */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> send(String method, URI url, String json) throws Exception {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls GET url until the body satisfies the condition; returns the last body. */
    static String awaitBody(URI url, Predicate<String> condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = send("GET", url, null);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && condition.test(r.body())) {
                return r.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met within " + timeout + " on " + url + "; last: " + last);
    }
}
