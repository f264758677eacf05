package dev.ticketpay.gateway.docs;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.support.DevTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own documents, in front of stand-ins that serve the services' OpenAPI documents: one combined
 * document of the routed paths, served while a service is down, the Swagger UI and the events page, all without
 * a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketpay.api-docs.refresh=200ms", "ticketpay.api-docs.retry=200ms"})
@AutoConfigureWebTestClient
class ApiDocumentsIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final DevTokenIssuer tokens = DevInfrastructure.shared().tokens();
    static final DisposableServer tickets = serving("""
            {"openapi":"3.1.0","paths":{
              "/api/payments/create-payment-intent/":{"post":{"responses":{"200":{"description":"OK"}}}},
              "/api/events/{id}":{"get":{"responses":{"200":{"description":"OK"}}}},
              "/internal/tickets":{"get":{"responses":{"200":{"description":"OK"}}}}},
             "components":{"schemas":{"ClassicError":{"type":"object"},"Event":{"type":"object"}}},
             "tags":[{"name":"Payments API v1"}]}""", new AtomicBoolean(true));
    static final AtomicBoolean paymentsUp = new AtomicBoolean(true);
    static final AtomicInteger paymentDocumentsServed = new AtomicInteger();
    static final DisposableServer payments = serving("""
            {"openapi":"3.1.0","paths":{
              "/api/v1/payments/webhook":{"post":{"responses":{"200":{"description":"OK"}}}},
              "/internal/ledger":{"get":{"responses":{"200":{"description":"OK"}}}}},
             "components":{"schemas":{"V1Error":{"type":"object"}}},
             "tags":[{"name":"Payments API v1"}]}""", paymentsUp);
    static final AtomicBoolean qrUp = new AtomicBoolean(true);
    static final DisposableServer qr = serving("""
            {"openapi":"3.1.0","paths":{
              "/api/qr/public-key":{"get":{"responses":{"200":{"description":"OK"}}}}}}""", qrUp);

    /** A stand-in service: its document while {@code up}, 503 otherwise. */
    static DisposableServer serving(String document, AtomicBoolean up) {
        return HttpServer.create().port(0)
                .route(routes -> routes.get("/v3/api-docs", (request, response) -> {
                    if (!up.get()) {
                        return response.status(503).send();
                    }
                    if (document.contains("/api/v1/payments/webhook")) {
                        paymentDocumentsServed.incrementAndGet();
                    }
                    return response.header("Content-Type", "application/json").sendString(Mono.just(document)).then();
                }))
                .bindNow(Duration.ofSeconds(10));
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("TICKET_SERVICE_URL", () -> "http://localhost:" + tickets.port());
        registry.add("PAYMENT_SERVICE_URL", () -> "http://localhost:" + payments.port());
        registry.add("QR_SERVICE_URL", () -> "http://localhost:" + qr.port());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        tickets.disposeNow();
        payments.disposeNow();
        qr.disposeNow();
    }

    @Autowired WebTestClient client;

    JsonNode combined() {
        byte[] body = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofMinutes(1))
                        .cachePublic())
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    static Set<String> paths(JsonNode document) {
        var paths = new TreeSet<String>();
        document.path("paths").propertyNames().forEach(paths::add);
        return paths;
    }

    @Test
    void combinesTheRoutedPathsOfEveryServiceAndNothingInternal() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(paths(combined())).isEqualTo(Set.of(
                "/api/payments/create-payment-intent/", "/api/events/{id}", "/api/v1/payments/webhook",
                "/api/qr/public-key")));
        var document = combined();
        assertThat(document.path("components").path("schemas").propertyNames())
                .contains("ClassicError", "Event", "V1Error");
        assertThat(document.path("tags")).hasSize(1);
        assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(document.has("x-unavailable-services")).isFalse();
    }

    @Test
    void aServiceThatIsDownKeepsItsLastDocument() {
        await().atMost(Duration.ofSeconds(10)).until(() -> paymentDocumentsServed.get() > 0
                && paths(combined()).contains("/api/v1/payments/webhook"));
        paymentsUp.set(false);
        try {
            int served = paymentDocumentsServed.get();
            // asked again after the refresh (200 ms here): payment-service's last document stays
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var document = combined();
                assertThat(paths(document)).contains("/api/v1/payments/webhook", "/api/events/{id}");
                assertThat(document.has("x-unavailable-services")).isFalse();
            });
            assertThat(paymentDocumentsServed.get()).isEqualTo(served);
        }
        finally {
            paymentsUp.set(true);
        }
    }

    @Test
    void swaggerUiIsServedFromTheGatewayWithoutAToken() {
        String page = client.get().uri("/docs").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("/docs/swagger-ui/swagger-ui-bundle.js", "url: \"/v3/api-docs\"")
                .doesNotContain("src=\"http", "href=\"http");
        client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build()
                .get().uri("/docs/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk()
                .expectBody(String.class).value(script -> assertThat(script).contains("SwaggerUIBundle"));
        client.get().uri("/docs/swagger-ui/swagger-ui.css").exchange().expectStatus().isOk();
    }

    @Test
    void eventsPageRendersTheAsyncApiDocument() {
        String page = client.get().uri("/docs/events").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<code>payments.v1</code>", "id=\"PaymentSucceeded\"",
                "<code>ticketpay.payment.succeeded.v1</code>", "<code>ce_id</code>", "<code>payment_intent_id</code>",
                "Example record");
    }
}
