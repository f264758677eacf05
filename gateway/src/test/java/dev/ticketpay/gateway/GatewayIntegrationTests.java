package dev.ticketpay.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of a recording backend that stands in for the services: what is routed, what is
 * refused at the edge, and that the request arrives untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayIntegrationTests {

    record Received(String method, String path, String authorization, byte[] body, String idempotencyKey) {
    }

    static final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    static final DisposableServer backend = StandInBackend.server()
            .handle((request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                    .flatMap(body -> {
                        received.add(new Received(request.method().name(), request.uri(),
                                request.requestHeaders().get("Authorization"), body,
                                request.requestHeaders().get("Idempotency-Key")));
                        return response.header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"from\":\"backend\"}")).then();
                    }))
            .bindNow(Duration.ofSeconds(10));
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    /** A signature the edge forwards (its form is right; the stand-in backend does not check it). */
    static final String SIGNED = "t=1,v1=" + "ab".repeat(32);

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        StandInBackend.register(registry, backend, tokens);
    }

    @Autowired WebTestClient client;
    @Autowired HttpClientProperties proxying;
    @Autowired NettyServerProperties server;
    @Value("${ticketpay.service-protocol}") HttpProtocol serviceProtocol;

    @BeforeEach
    void forget() {
        received.clear();
    }

    @AfterAll
    static void stopBackend() {
        backend.disposeNow();
    }

    /** The shipped edge timeouts; EdgeTimeoutsIntegrationTests shows what they do. */
    @Test
    void givesUpOnAServiceAfterTwoSecondsToConnectAndSixtyToAnswerAndOnAnIdleClientAfterSixty() {
        assertThat(proxying.getConnectTimeout()).isEqualTo(2000);
        assertThat(proxying.getResponseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(server.getIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void closesAServiceConnectionIdleForThirtySecondsOrOpenForFiveMinutesAndReusesTheWarmestFirst() {
        var pool = proxying.getPool();
        assertThat(pool.getMaxIdleTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pool.getMaxLifeTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(pool.getEvictionInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(pool.getLeasingStrategy()).isEqualTo(HttpClientProperties.Pool.LeasingStrategy.LIFO);
    }

    /** HTTP/1.1, not h2c, which cost more in a flash sale (ServiceProtocolIntegrationTests; docs/decisions.md). */
    @Test
    void speaksHttp11ToTheServices() {
        assertThat(serviceProtocol).isEqualTo(HttpProtocol.HTTP11);
    }

    @Test
    void postWhenNoTokenShouldBeUnauthorizedInTheClassicShape() {
        client.post().uri("/api/payments/create-payment-intent/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("event_id", 1, "quantity", 1))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void getWhenNoTokenShouldBeUnauthorizedInTheV1Envelope() {
        client.get().uri("/api/v1/payments/660e8400-e29b-41d4-a716-446655440000")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.code").isEqualTo(401)
                .jsonPath("$.error").isNotEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void getWhenTokenSignedByAnotherKeyShouldBeUnauthorized() {
        var stranger = DevTokenIssuer.start(0);
        try {
            var foreign = stranger.mint(new DevTokenIssuer.Claims("mallory", List.of("admin"), null,
                    tokens.issuer(), DevTokenIssuer.AUDIENCE, java.time.Instant.now(),
                    java.time.Instant.now().plusSeconds(600)));
            client.get().uri("/api/events").headers(h -> h.setBearerAuth(foreign))
                    .exchange().expectStatus().isUnauthorized();
        }
        finally {
            stranger.close();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void relaysAnAuthenticatedRequestWithItsToken() {
        String token = tokens.mint("alice", List.of("user"), "alice@example.com");
        client.get().uri("/api/events/15").headers(h -> h.setBearerAuth(token)).header("Idempotency-Key", "k-1")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo("backend");
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/events/15");
            assertThat(r.authorization()).isEqualTo("Bearer " + token);
            assertThat(r.idempotencyKey()).isEqualTo("k-1");
        });
    }

    @Test
    void passesTheWebhookWithoutTokenAndWithItsBytesUntouched() {
        byte[] payload = "{\"id\":\"evt_1\",  \"type\":\"checkout.session.completed\" ,\"data\":{}}\n".getBytes();
        client.post().uri("/api/v1/payments/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", SIGNED).bodyValue(payload)
                .exchange()
                .expectStatus().isOk();
        assertThat(received).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(payload));
    }

    @Test
    void neverRoutesInternalPaths() {
        String token = tokens.mint("root", List.of("admin", "staff", "user"), null);
        client.get().uri("/internal/payments/reconcile").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound();
        client.post().uri("/internal/anything").exchange().expectStatus().is4xxClientError();
        assertThat(received).isEmpty();
    }

    @Test
    void hidesActuatorEndpointsOtherThanHealth() {
        String token = tokens.mint("root", List.of("admin"), null);
        client.get().uri("/actuator/env").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void answersCorsForTheConfiguredOriginOnlyAndLetsItsPagesReadRetryAfter() {
        client.options().uri("/api/payments/verify/")
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type, Authorization, X-CSRF-Token, Idempotency-Key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:5173")
                .expectHeader().valueEquals("Access-Control-Allow-Credentials", "true");
        // the page may read Retry-After on an answer (a 503 or 429 says when to ask again)
        client.post().uri("/api/payments/verify/").headers(h -> h.setBearerAuth(tokens.mint("alice", List.of("user"),
                        "alice@example.com")))
                .header("Origin", "http://localhost:5173")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("session_id", "cs_test_1", "ticket_id", 1))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:5173")
                .expectHeader().valueEquals("Access-Control-Expose-Headers", "Retry-After");
        received.clear();
        client.options().uri("/api/payments/verify/")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden();
        assertThat(received).isEmpty();
    }

    @Test
    void refusesAnOversizeBodyBeforeForwardingIt() {
        String token = tokens.mint("alice", List.of("user"), "alice@example.com");
        byte[] big = new byte[65 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        client.post().uri("/api/payments/create-payment-intent/").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("too large"));
        client.post().uri("/api/v1/payments/intent").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo(413);
        byte[] webhookSized = new byte[100 * 1024];
        java.util.Arrays.fill(webhookSized, (byte) ' ');
        client.post().uri("/api/v1/payments/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", SIGNED).bodyValue(webhookSized)
                .exchange()
                .expectStatus().isOk();
        assertThat(received).singleElement().satisfies(r -> assertThat(r.body()).hasSize(100 * 1024));
    }

    @Test
    void answersUnknownPathsInTheRoutesShape() {
        String token = tokens.mint("alice", List.of("user"), "alice@example.com");
        client.get().uri("/api/v1/nothing-here").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.status").isEqualTo("error").jsonPath("$.code").isEqualTo(404);
        client.get().uri("/api/nothing-here").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Not found.");
        assertThat(received).isEmpty();
    }
}
