package dev.ticketpay.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.ticketpay.security.VerifiedTokens;
import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import dev.ticketpay.support.HostileTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that reaches ticket-service directly, around the gateway, meets the same token rules: every kind of
 * bad token is 401 on every route, and roles are checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
@OnDevInfrastructure("tickets")
class TokenRulesIntegrationTests {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();

    @Autowired WebTestClient client;
    @Autowired ReactiveJwtDecoder decoder;

    static Stream<Object[]> hostileTokens() {
        return infrastructure.tokens().hostileTokensOn(List.of("POST /api/payments/create-payment-intent/",
                "POST /api/payments/verify/", "POST /api/payments/cancel/", "GET /api/events", "POST /api/events",
                "GET /api/events/1", "PATCH /api/events/1", "POST /api/v1/orders",
                "GET /api/v1/orders/660e8400-e29b-41d4-a716-446655440000",
                "GET /internal/orders/660e8400-e29b-41d4-a716-446655440000", "GET /internal/tickets?ids=1"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("hostileTokens")
    void requestWithABadTokenShouldBeUnauthorized(String kind, String route, String token) {
        HostileTokens.assertRefused(client, route, token,
                Map.of("event_id", 1, "quantity", 1, "ticket_id", 1, "session_id", "cs_test_x"));
    }

    @Test
    void postEventWithoutTheAdminRoleShouldBeForbidden() {
        client.post().uri("/api/events").headers(h -> h.setBearerAuth(infrastructure.tokens().mint("uma",
                        List.of("user", "staff"), null)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "venue", "y", "starts_at", "2027-01-01T00:00:00Z", "capacity", 1,
                        "price", 0, "currency", "jpy"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").exists();
    }

    @Test
    void tokenExpiredWithinTheClockSkewShouldStillBeAcceptedAndBeyondItUnauthorized() {
        HostileTokens.assertClockSkewOf30Seconds(client, infrastructure.tokens(), "/api/events");
    }

    @Test
    void verifiedTokensShouldBeRememberedAndStillExpireOnTime() {
        assertThat(decoder).isInstanceOf(VerifiedTokens.class);
        // 27 s past its expiry: accepted within the 30 s skew, and remembered
        Instant now = Instant.now();
        String token = infrastructure.tokens().mint(new DevTokenIssuer.Claims("frank", List.of("user"), null, null,
                "ticketpay", now.minusSeconds(120), now.minusSeconds(27)));
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> client.get()
                .uri("/api/events").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isUnauthorized());
    }
}
