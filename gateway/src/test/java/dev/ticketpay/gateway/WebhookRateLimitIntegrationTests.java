package dev.ticketpay.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhook spends its per-IP budget on refused deliveries only: valid deliveries pass however many come,
 * unsigned or badly signed floods get 429 once the budget is spent (the unsigned ones never reach
 * payment-service), and the other routes keep their budget per caller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketpay.rate-limit.standard=3", "ticketpay.rate-limit.webhook=5",
                "ticketpay.rate-limit.window=30s"})
@AutoConfigureWebTestClient
class WebhookRateLimitIntegrationTests extends BehindStandInBackend {

    static final String SECRET = StandInBackend.WEBHOOK_SECRET;
    static final AtomicInteger forwarded = StandInBackend.webhooksReceived;

    @Autowired InMemoryTokenBuckets buckets;

    @BeforeEach
    void startWithFullBuckets() {
        // every delivery here comes from one IP: each test starts with that IP's bucket full
        buckets.forgetAll();
        forwarded.set(0);
    }

    @Test
    void passesEveryValidDeliveryAboveTheOldBudget() {
        for (int i = 0; i < 30; i++) {
            String body = "{\"id\":\"evt_" + i + "\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}";
            delivery(body, StandInBackend.stripeSignature(body, SECRET)).expectStatus().isOk();
        }
        assertThat(forwarded).hasValue(30);
    }

    @Test
    void refusesABadlySignedFloodWith429OnceItsBudgetIsSpent() {
        String body = "{\"id\":\"evt_forged\",\"type\":\"payment_intent.succeeded\"}";
        String forged = StandInBackend.stripeSignature(body, "whsec_notOurSecret");
        for (int i = 0; i < 5; i++) {
            delivery(body, forged).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error").isEqualTo("Invalid webhook signature");
        }
        delivery(body, forged).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.status").isEqualTo("error").jsonPath("$.code").isEqualTo(429);
        // a sender over its budget is refused before payment-service, even with a valid signature
        String valid = StandInBackend.stripeSignature(body, SECRET);
        delivery(body, valid).expectStatus().isEqualTo(429);
        assertThat(forwarded).hasValue(5);
    }

    @Test
    void refusesUnsignedDeliveriesAtTheEdgeAndThenWith429() {
        String body = "{\"id\":\"evt_unsigned\"}";
        for (int i = 0; i < 5; i++) {
            var malformed = i % 2 == 0 ? delivery(body, null) : delivery(body, "t=1,v1=abc");
            malformed.expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.status").isEqualTo("error")
                    .jsonPath("$.error").isEqualTo("Invalid webhook signature").jsonPath("$.code").isEqualTo(400);
        }
        delivery(body, null).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        assertThat(forwarded).hasValue(0);
    }

    @Test
    void stillLimitsAStandardApiCaller() {
        String alice = tokens.mint("alice-webhook-window-" + System.nanoTime(), List.of("user"), null);
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isOk();
        }
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(alice)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After");
    }

    private WebTestClient.ResponseSpec delivery(String body, String signature) {
        return delivery(client, body, signature);
    }

    /** A webhook delivery of {@code body} to the gateway {@code client} talks to; {@code signature} may be null. */
    static WebTestClient.ResponseSpec delivery(WebTestClient client, String body, String signature) {
        var request = client.post().uri("/api/v1/payments/webhook").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request = request.header("Stripe-Signature", signature);
        }
        return request.bodyValue(body).exchange();
    }
}
