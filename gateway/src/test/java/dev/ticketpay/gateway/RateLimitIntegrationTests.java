package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token buckets per caller at the edge, 429 with Retry-After, then recovery as tokens refill; a burst across the
 * edge of a fixed window gets no more than the bucket holds (the webhook's: WebhookRateLimitIntegrationTests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketpay.rate-limit.standard=3", "ticketpay.rate-limit.window=6s"})
@AutoConfigureWebTestClient
class RateLimitIntegrationTests extends BehindStandInBackend {

    static final int STANDARD = 3;
    static final Duration WINDOW = Duration.ofSeconds(6);

    @Autowired InMemoryTokenBuckets buckets;

    @BeforeEach
    void startWithFullBuckets() {
        // the first request fetches the issuer's keys: not inside a burst whose timing matters
        String warmUp = tokens.mint("warm-up-" + System.nanoTime(), List.of("user"), null);
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(warmUp)).exchange().expectStatus().isOk();
        buckets.forgetAll();
    }

    @Test
    void limitsEachUserSeparatelyAndRecoversInTheNextWindow() {
        String alice = tokens.mint("alice-limited", List.of("user"), null);
        String bob = tokens.mint("bob-limited", List.of("user"), null);
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk();
        }
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
                        .assertThat((String) detail).startsWith("Too many requests"));
        client.get().uri("/api/v1/payments/660e8400-e29b-41d4-a716-446655440000").headers(h -> h.setBearerAuth(alice))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.status").isEqualTo("error").jsonPath("$.code").isEqualTo(429);
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(bob)).exchange().expectStatus().isOk();

        // one token refills every window / standard = 2 s
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> client.get().uri("/api/events")
                .headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk());
    }

    @Test
    void retryAfterIsTheTimeUntilATokenRefills() {
        String dave = tokens.mint("dave-retry-" + System.nanoTime(), List.of("user"), null);
        for (int i = 0; i < STANDARD; i++) {
            client.get().uri("/api/events").headers(h -> h.setBearerAuth(dave)).exchange().expectStatus().isOk();
        }
        // a token every 2 s: at most 2 s to wait (rounded up to whole seconds), not the rest of a 6 s window
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(dave)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 2));
    }

    @Test
    void aBurstAcrossAWindowEdgeGetsNoMoreThanTheBucketHolds() {
        String carol = tokens.mint("carol-edge-" + System.nanoTime(), List.of("user"), null);
        long window = WINDOW.toMillis();
        // a counter per fixed window (multiples of the window since the epoch) starts afresh at the next edge
        await().atMost(WINDOW.plusSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() % window > window - 400);
        long edge = (System.currentTimeMillis() / window + 1) * window;
        long started = System.nanoTime();
        int passed = burst(carol, STANDARD);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> System.currentTimeMillis() > edge);
        passed += burst(carol, STANDARD);
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();

        // what the bucket held, plus what refilled during the burst (rounded up); a fixed window lets all 6 through
        long refilled = elapsed * STANDARD / window + 1;
        assertThat(passed).as("requests passed in %d ms across the edge", elapsed)
                .isLessThanOrEqualTo((int) (STANDARD + refilled))
                .isLessThan(2 * STANDARD);
    }

    private int burst(String token, int requests) {
        int passed = 0;
        for (int i = 0; i < requests; i++) {
            var status = client.get().uri("/api/events").headers(h -> h.setBearerAuth(token)).exchange()
                    .returnResult(byte[].class).getStatus();
            assertThat(status.value()).isIn(200, 429);
            passed += status.value() == 200 ? 1 : 0;
        }
        return passed;
    }
}
