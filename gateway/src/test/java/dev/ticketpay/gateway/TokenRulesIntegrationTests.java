package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every kind of bad token is stopped at the edge with 401, on a classic and on a v1 route. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenRulesIntegrationTests {

    static final DisposableServer backend = StandInBackend.answeringEmptyJson();
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, backend, tokens);
    }

    @AfterAll
    static void stopBackend() {
        backend.disposeNow();
    }

    @Autowired WebTestClient client;

    static Stream<Arguments> hostileTokens() {
        return tokens.hostileTokens("eve", List.of("user")).entrySet().stream()
                .flatMap(token -> Stream.of("/api/events", "/api/v1/payments/660e8400-e29b-41d4-a716-446655440000")
                        .map(path -> Arguments.of(token.getKey(), path, token.getValue())));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("hostileTokens")
    void getWithABadTokenShouldBeUnauthorized(String kind, String path, String token) {
        var answer = client.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody();
        if (path.startsWith("/api/v1/")) {
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
