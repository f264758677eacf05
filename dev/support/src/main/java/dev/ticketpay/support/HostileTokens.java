package dev.ticketpay.support;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The token-rule checks every module that takes a JWT makes alike (the gateway and each service, which checks
 * again behind it): the table of hostile tokens ({@link DevTokenIssuer#hostileTokensOn}) sent to the module's own
 * routes, each refused with 401 in the route's error shape, and the clock skew on {@code exp}. Each module names
 * its routes and the body they take; the answers are its own.
 */
public final class HostileTokens {

    private HostileTokens() {
    }

    /**
     * Sends {@code body} with {@code token} to {@code route} ({@code "METHOD /path"}) and expects 401 in the
     * route's shape: the v1 envelope under {@code /api/v1/}, {@code {"detail"}} elsewhere.
     */
    public static void assertRefused(WebTestClient client, String route, String token, Object body) {
        String[] methodAndPath = route.split(" ");
        var answer = client.method(HttpMethod.valueOf(methodAndPath[0])).uri(methodAndPath[1])
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody();
        if (methodAndPath[1].startsWith("/api/v1/")) {
            answer.jsonPath("$.status").isEqualTo("error").jsonPath("$.code").isEqualTo(401);
        }
        else {
            answer.jsonPath("$.detail").exists();
        }
    }

    /**
     * The leeway on {@code exp} is 30 s: a token 10 s past its expiry still opens {@code path} (a GET), one 45 s
     * past it is refused, which Spring Security's own default of 60 s would accept.
     */
    public static void assertClockSkewOf30Seconds(WebTestClient client, DevTokenIssuer tokens, String path) {
        client.get().uri(path).headers(h -> h.setBearerAuth(expiredAgo(tokens, 10))).exchange()
                .expectStatus().isOk();
        client.get().uri(path).headers(h -> h.setBearerAuth(expiredAgo(tokens, 45))).exchange()
                .expectStatus().isUnauthorized();
    }

    private static String expiredAgo(DevTokenIssuer tokens, long seconds) {
        return tokens.mintExpired("eve", List.of("user"), Duration.ofSeconds(seconds));
    }
}
