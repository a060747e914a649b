package io.connectops.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits until a Connect worker answers {@code GET /health} with 200 (KIP-1017: its herder is ready). */
public final class Readiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    public static void awaitHealthy(URI restUrl, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        URI health = restUrl.resolve("/health");
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStackException("interrupted while waiting for " + restUrl);
            }
            sleep(100);
        }
        throw new EmbeddedStackException("the Connect worker at " + restUrl + " was not healthy within "
                + timeout.toSeconds() + " s (last answer: " + last + ")");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
