package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import io.connectops.model.RestartPolicy;
import org.junit.jupiter.api.Test;

class HealerTest {
    final Healer healer = new Healer(new Healer.Settings(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(10)));
    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void backoffDoublesUpToTheCapAndGivesUpAfterMaxRetries() {
        assertEquals(Duration.ofSeconds(30), healer.backoff(1));
        assertEquals(Duration.ofSeconds(60), healer.backoff(2));
        assertEquals(Duration.ofSeconds(120), healer.backoff(3));
        assertEquals(Duration.ofMinutes(30), healer.backoff(20));

        RestartPolicy three = new RestartPolicy(RestartPolicy.Type.OnFailure, 3);
        assertEquals(Healer.Decision.RESTART, healer.onFailed("c", three, t0));
        assertEquals(Healer.Decision.WAIT, healer.onFailed("c", three, t0.plusSeconds(29)));
        assertEquals(Healer.Decision.RESTART, healer.onFailed("c", three, t0.plusSeconds(30)));
        assertEquals(Healer.Decision.WAIT, healer.onFailed("c", three, t0.plusSeconds(89)));
        assertEquals(Healer.Decision.RESTART, healer.onFailed("c", three, t0.plusSeconds(90)));
        assertEquals(3, healer.restarts("c"));
        assertEquals(Healer.Decision.GIVE_UP, healer.onFailed("c", three, t0.plusSeconds(1000)));
        assertEquals(Healer.Decision.GAVE_UP, healer.onFailed("c", three, t0.plusSeconds(2000)), "said once");
        assertTrue(healer.gaveUp("c"));
    }

    @Test
    void theCountResetsAfterAHealthyPeriodAndNeverMeansNever() {
        RestartPolicy policy = RestartPolicy.DEFAULT;
        healer.onFailed("c", policy, t0);
        assertEquals(Healer.Decision.NOTHING, healer.onHealthy("c", t0.plusSeconds(60)));
        assertEquals(Healer.Decision.NOTHING, healer.onHealthy("c", t0.plusSeconds(60 + 599)));
        assertEquals(Healer.Decision.RESET, healer.onHealthy("c", t0.plusSeconds(60 + 600)));
        assertEquals(0, healer.restarts("c"));
        assertEquals(Healer.Decision.NOTHING, healer.onFailed("n", RestartPolicy.NEVER, t0));
        RestartPolicy unlimited = new RestartPolicy(RestartPolicy.Type.OnFailure, RestartPolicy.UNLIMITED);
        Instant t = t0;
        for (int i = 0; i < 50; i++) {
            assertEquals(Healer.Decision.RESTART, healer.onFailed("u", unlimited, t));
            t = t.plus(Duration.ofHours(1));
        }
    }
}
