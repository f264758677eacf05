package dev.ticketpay.gateway;

import java.util.List;
import java.util.stream.Stream;

import dev.ticketpay.support.HostileTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

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
        HostileTokens.assertRefused(client, route, token, "{}");
    }

    @Test
    void tokenExpiredWithinTheClockSkewShouldStillBeAcceptedAndBeyondItUnauthorized() {
        HostileTokens.assertClockSkewOf30Seconds(client, tokens, "/api/events");
    }
}
