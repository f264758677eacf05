package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/** Budgets per caller at the edge, 429 with Retry-After, then recovery (the webhook's: WebhookRateLimitIntegrationTests). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketpay.rate-limit.standard=3", "ticketpay.rate-limit.window=2s"})
@AutoConfigureWebTestClient
class RateLimitIntegrationTests extends BehindStandInBackend {


    @Test
    void limitsEachUserSeparatelyAndRecoversInTheNextWindow() {
        String alice = tokens.mint("alice-limited", List.of("user"), null);
        String bob = tokens.mint("bob-limited", List.of("user"), null);
        awaitFreshWindow(Duration.ofSeconds(2));
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

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> client.get().uri("/api/events")
                .headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk());
    }

    /** Starts counting at the beginning of a window, so the budget is not split by a window boundary. */
    static void awaitFreshWindow(Duration window) {
        // a window that starts after now: requests of an earlier test, however late, were counted in older ones
        long current = System.currentTimeMillis() / window.toMillis();
        await().atMost(window.multipliedBy(2).plusSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() / window.toMillis() > current
                        && System.currentTimeMillis() % window.toMillis() < 300);
    }
}
