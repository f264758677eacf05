package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every kind of bad token is stopped at the edge with 401 in the route's shape, on every route that needs one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenRulesIntegrationTests extends BehindStandInBackend {


    /** Every public route that needs a token. */
    static final List<String> ROUTES = List.of("GET /api/events", "POST /api/events", "GET /api/events/1",
            "PATCH /api/events/1",
            "POST /api/payments/create-payment-intent/", "POST /api/payments/verify/", "POST /api/payments/cancel/",
            "GET /api/tickets/1/qr", "POST /api/check-ins", "POST /api/v1/orders",
            "GET /api/v1/orders/660e8400-e29b-41d4-a716-446655440000", "POST /api/v1/payments/intent",
            "GET /api/v1/payments/660e8400-e29b-41d4-a716-446655440000");

    static Stream<Object[]> hostileTokens() {
        return tokens.hostileTokensOn(ROUTES);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("hostileTokens")
    void requestWithABadTokenShouldBeUnauthorizedInTheRoutesShape(String kind, String route, String token) {
        String[] methodAndPath = route.split(" ");
        var answer = client.method(HttpMethod.valueOf(methodAndPath[0])).uri(methodAndPath[1])
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody();
        if (methodAndPath[1].startsWith("/api/v1/")) {
            answer.jsonPath("$.code").isEqualTo(401);
        }
        else {
            answer.jsonPath("$.detail").exists();
        }
    }

    @Test
    void tokenExpiredWithinTheClockSkewShouldStillBeAccepted() {
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(expiredSecondsAgo(10))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void tokenExpiredBeyondTheClockSkewShouldBeUnauthorized() {
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(expiredSecondsAgo(45))).exchange()
                .expectStatus().isUnauthorized();
    }

    /** The default skew is 30 s; Spring Security's own default of 60 s would accept a token 45 s past expiry. */
    static String expiredSecondsAgo(long seconds) {
        return tokens.mintExpired("eve", List.of("user"), Duration.ofSeconds(seconds));
    }
}
