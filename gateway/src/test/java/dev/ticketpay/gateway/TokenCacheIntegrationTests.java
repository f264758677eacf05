package dev.ticketpay.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The edge remembers verified tokens, and a remembered token still follows the rules: it stops working at its
 * expiry, and any altered copy of it is checked afresh and refused. (The clock skew is 0 here, so expiry is
 * exact.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketpay.security.clock-skew=0s", "ticketpay.rate-limit.enabled=false"})
@AutoConfigureWebTestClient
class TokenCacheIntegrationTests extends BehindStandInBackend {


    @Test
    void rememberedTokenShouldBeUnauthorizedOnceExpired() {
        Instant now = Instant.now();
        String token = tokens.mint(new DevTokenIssuer.Claims("carol", List.of("user"), null, null, "ticketpay",
                now.minusSeconds(60), now.plusSeconds(3)));
        get(token).expectStatus().isOk();
        get(token).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> get(token).expectStatus().isUnauthorized());
        get(token).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("Authentication credentials were not provided or are invalid.");
    }

    @Test
    void alteredCopiesOfARememberedTokenShouldBeUnauthorized() {
        String token = tokens.mint("dave", List.of("user"), null);
        get(token).expectStatus().isOk();
        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        get(parts[0] + "." + parts[1] + "." + otherSignature).expectStatus().isUnauthorized();
        String otherPayload = tokens.mint("mallory", List.of("admin"), null).split("\\.")[1];
        get(parts[0] + "." + otherPayload + "." + parts[2]).expectStatus().isUnauthorized();
        get(token + "x").expectStatus().isUnauthorized();
        get(token).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec get(String token) {
        return client.get().uri("/api/events").headers(h -> h.setBearerAuth(token)).exchange();
    }
}
