package dev.ticketpay.qr;

import java.util.List;
import java.util.stream.Stream;

import dev.ticketpay.support.HostileTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A request that reaches qr-service around the gateway meets the same token rules: every bad token is 401. */
class TokenRulesIntegrationTests extends QrServiceIntegration {

    @Autowired WebTestClient client;

    static Stream<Object[]> hostileTokens() {
        return infrastructure.tokens().hostileTokensOn(List.of("GET /api/tickets/1/qr", "POST /api/check-ins"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("hostileTokens")
    void requestWithABadTokenShouldBeUnauthorized(String kind, String route, String token) {
        HostileTokens.assertRefused(client, route, token, "{\"qr_payload\":\"TP1.e30.AAAA\",\"event_id\":1}");
    }
}
