package dev.ticketpay.payment;

import java.time.Duration;
import java.util.List;

import com.stripe.StripeClient;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.sandbox.stripe.StripeSandbox;
import dev.ticketpay.sandbox.stripe.StripeSandboxSettings;
import dev.ticketpay.support.DevInfrastructure;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * What every integration test of payment-service stands on: the service on a random port, real Kafka, PostgreSQL
 * and JWTs, Stripe as an in-process sandbox, and payments.v1 read as an outside subscriber reads it. Each class
 * names its database ({@link dev.ticketpay.support.OnDevInfrastructure}) and brings its own sandbox
 * ({@link #stripeAt}), so the ledger sees a Stripe nobody else pays on; the saga tests share one context through
 * {@link SagaIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class PaymentServiceIntegration {

    static final DevInfrastructure infrastructure = DevInfrastructure.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Opened by the first test that needs it, once a service has created the topics. */
    static PaymentTopicReader payments;

    @LocalServerPort int port;
    @Autowired WebTestClient client;

    /** A Stripe sandbox of the class's own that signs its webhooks with this secret; it lives as long as the JVM. */
    static StripeSandbox sandbox(String webhookSecret) {
        return StripeSandbox.start(StripeSandboxSettings.forTests().webhookSecret(webhookSecret).build());
    }

    /** stripe-java on the sandbox with this secret key, for a test that calls Stripe itself. */
    static StripeClient stripeClient(StripeSandbox stripe, String secretKey) {
        return StripeClient.builder().setApiKey(secretKey).setApiBase(stripe.apiBase()).build();
    }

    /** Stripe at the sandbox, with the service's default (development) keys. */
    static void stripeAt(DynamicPropertyRegistry registry, StripeSandbox stripe) {
        registry.add("ticketpay.stripe.api-base", stripe::apiBase);
    }

    /** Stripe at the sandbox, with the sandbox's own keys. */
    static void stripeAt(DynamicPropertyRegistry registry, StripeSandbox stripe, String secretKey) {
        stripeAt(registry, stripe);
        registry.add("ticketpay.stripe.secret-key", () -> secretKey);
        registry.add("ticketpay.stripe.webhook-secret", stripe::webhookSecret);
    }

    /** Opens the payments.v1 reader if no test has yet, and has the sandbox send its webhooks to this service. */
    void webhooksReachThisService(StripeSandbox stripe) {
        if (payments == null) {
            payments = new PaymentTopicReader(infrastructure.kafka().bootstrapServers());
        }
        if (!stripe.webhookEndpoints().contains(webhookUrl())) {
            stripe.addWebhookEndpoint(webhookUrl());
        }
    }

    String webhookUrl() {
        return "http://localhost:" + port + "/api/v1/payments/webhook";
    }

    static String token(String user, String role) {
        return infrastructure.tokens().mint(user, List.of(role), user + "@example.com");
    }

    static <T extends TicketEvent> T awaitOne(long ticketId, Class<T> type) {
        return awaitCount(ticketId, type, 1).getFirst();
    }

    static <T extends TicketEvent> List<T> awaitCount(long ticketId, Class<T> type, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> payments.of(ticketId, type),
                list -> list.size() >= count);
    }

    /** Exactly {@code count} events of the type for the ticket, and it stays that way for a moment. */
    static void assertOnly(long ticketId, Class<? extends TicketEvent> type, int count) {
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> payments.of(ticketId, type).size() == count);
    }
}
