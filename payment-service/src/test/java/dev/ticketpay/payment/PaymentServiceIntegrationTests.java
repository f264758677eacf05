package dev.ticketpay.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.ticketpay.support.DevTokenIssuer;
import dev.ticketpay.support.HostileTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.MediaType;

/** payment-service as an operator and an anonymous caller see it: readiness, and the v1 error envelope. */
class PaymentServiceIntegrationTests extends StandaloneServiceIntegrationTest {

    static Stream<Object[]> hostileTokens() {
        return infrastructure.tokens().hostileTokensOn(List.of("POST /api/v1/payments/intent",
                "GET /api/v1/payments/660e8400-e29b-41d4-a716-446655440000",
                "POST /internal/payments/checkout-sessions/cs_test_x/reconcile", "GET /internal/ledger",
                "POST /internal/ledger/reconcile"));
    }

    /** A request that reaches payment-service around the gateway meets the same token rules. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("hostileTokens")
    void requestWithABadTokenShouldBeUnauthorized(String kind, String route, String token) {
        HostileTokens.assertRefused(client, route, token, "{\"order_id\":\"660e8400-e29b-41d4-a716-446655440000\"}");
    }

    @Test
    void isReadyWhenItsDatabaseAndKafkaAreUp() {
        client.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
    }

    @Test
    void getPaymentWhenNoTokenShouldBeUnauthorizedInTheV1Envelope() {
        client.get().uri("/api/v1/payments/x")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.error").isNotEmpty()
                .jsonPath("$.code").isEqualTo(401)
                .jsonPath("$.details").isMap()
                .jsonPath("$.detail").doesNotExist();
    }

    @Test
    void postIntentWhenNoTokenShouldBeUnauthorizedInTheV1Envelope() {
        client.post().uri("/api/v1/payments/intent")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"order_id\":\"6f1c2a7e-3b9d-4c41-9a0e-5d8f2b7c1e93\"}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.code").isEqualTo(401);
    }

    @Test
    void getPaymentWithExpiredTokenShouldBeUnauthorizedInTheV1Envelope() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        String expired = infrastructure.tokens().mint(new DevTokenIssuer.Claims("alice", List.of("user"),
                "alice@example.com", null, DevTokenIssuer.AUDIENCE, issued, issued.plus(Duration.ofHours(1))));

        paymentDetailsAreUnauthorizedInTheV1Envelope(expired);
    }

    @Test
    void getPaymentWithTokenForAnotherAudienceShouldBeUnauthorized() {
        Instant now = Instant.now();
        String foreign = infrastructure.tokens().mint(new DevTokenIssuer.Claims("alice", List.of("user"),
                "alice@example.com", null, "some-other-api", now, now.plus(Duration.ofHours(1))));

        paymentDetailsAreUnauthorizedInTheV1Envelope(foreign);
    }

    /** {@code GET /api/v1/payments/x} with this token: 401, in the v1 error envelope. */
    private void paymentDetailsAreUnauthorizedInTheV1Envelope(String token) {
        client.get().uri("/api/v1/payments/x")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.code").isEqualTo(401);
    }
}
