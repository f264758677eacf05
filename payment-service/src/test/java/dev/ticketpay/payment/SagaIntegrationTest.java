package dev.ticketpay.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.StripeClient;
import com.stripe.net.ApiResource;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentConfirmParams;
import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentIntentCreated;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.sandbox.stripe.StripeSandbox;
import dev.ticketpay.support.OnDevInfrastructure;
import dev.ticketpay.support.TicketEventRecords;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of the saga tests (checkout and PaymentIntents): Kafka listeners on, real Kafka and
 * PostgreSQL, Stripe as an in-process sandbox, ticket-service's order look-up as a stub. Every test class of the
 * sagas extends this, so they share one cached context: two contexts would split tickets.v1's partitions between
 * their listeners and each would miss the other's events. The sandbox and the stub live as long as the JVM.
 */
@OnDevInfrastructure("payments")
@TestPropertySource(properties = {
        "spring.kafka.listener.auto-startup=true",
        "ticketpay.stripe.frontend-url=http://shop.example",
        "ticketpay.stripe.request-timeout=1500ms",
        // every request to Stripe goes through the rate limiter: no unpaced retries inside stripe-java
        "ticketpay.stripe.max-network-retries=0",
        "ticketpay.stripe.call-attempts=5",
        "ticketpay.stripe.retry-backoff=100ms",
        "ticketpay.stripe.rate-limit.overall=" + SagaIntegrationTest.OVERALL_RATE,
        "ticketpay.stripe.rate-limit.per-endpoint=" + SagaIntegrationTest.ENDPOINT_RATE,
        "ticketpay.stripe.rate-limit.max-wait=1s",
        "ticketpay.stripe.rate-limit.backoff=100ms",
        "ticketpay.stripe.rate-limit.max-backoff=1s",
        "ticketpay.stripe.event-sweep-interval=500ms",
        "ticketpay.stripe.reconcile-interval=2s",
        "ticketpay.stripe.reconcile-lookback=10m",
        "ticketpay.stripe.commands.poll-interval=200ms",
        "ticketpay.stripe.commands.first-backoff=200ms",
        "ticketpay.stripe.commands.max-backoff=1s",
        "ticketpay.stripe.commands.lease=20s"})
public abstract class SagaIntegrationTest extends PaymentServiceIntegration {

    static final StripeSandbox stripe = sandbox("whsec_paymentServiceTests");
    static final String SECRET_KEY = "sk_test_payment_service_tests";
    static final StripeClient stripeClient = stripeClient(stripe, SECRET_KEY);
    static final TicketServiceStub ticketService = TicketServiceStub.start();
    /** Stripe requests a second this service may send, all together and to one endpoint (low, to be seen). */
    static final int OVERALL_RATE = 16;
    static final int ENDPOINT_RATE = 8;

    /** What is known only once the sandbox and the stub run: their addresses and the sandbox's keys. */
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stripeAt(registry, stripe, SECRET_KEY);
        registry.add("ticketpay.tickets.url", ticketService::url);
    }

    @Autowired KafkaTemplate<String, byte[]> kafka;
    @Autowired DatabaseClient db;

    @BeforeEach
    void stripeWithoutFaultsSendingItsWebhooksHere() {
        stripe.faults().clear();
        webhooksReachThisService(stripe);
    }

    /** Publishes on tickets.v1 as ticket-service does: CloudEvents headers, keyed by the ticket. */
    void publish(TicketEvent ticketEvent) {
        publish(ticketEvent, UUID.randomUUID());
    }

    /** As {@link #publish(TicketEvent)}, with this CloudEvents id. */
    void publish(TicketEvent ticketEvent, UUID eventId) {
        kafka.send(TicketEventRecords.of(ticketEvent, "/ticket-service", eventId.toString())).join();
    }

    /** How many inbox rows this service wrote for the event: one once it applied it. */
    long inboxRowsOf(UUID eventId) {
        return db.sql("select count(*) as n from inbox where event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    static String sign(String payload, String secret, Instant at) throws Exception {
        return Webhook.Signature.generateSignatureHeader(payload, secret, at.getEpochSecond());
    }

    /** Posts the payload as Stripe would, signed now with the sandbox's webhook secret. */
    protected WebTestClient.ResponseSpec postSigned(String payload) throws Exception {
        return postWebhook(payload, sign(payload, stripe.webhookSecret(), Instant.now()));
    }

    WebTestClient.ResponseSpec postWebhook(String payload, String signature) {
        return client.post().uri("/api/v1/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .bodyValue(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange();
    }

    /** The event Stripe raised about this object (a session, an intent), exactly as Stripe lists it. */
    static JsonNode stripeEvent(String type, String objectId) throws Exception {
        var response = stripeClient.rawRequest(ApiResource.RequestMethod.GET, "/v1/events?limit=100&type=" + type,
                null);
        for (JsonNode event : JSON.readTree(response.body()).get("data")) {
            if (objectId.equals(event.at("/data/object/id").asString())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event for " + objectId);
    }

    // ------------------------------------------------------------------ a paid ticket, through either channel

    /** A ticket with its order, its Checkout Session (null for a PaymentIntent) and its PaymentIntent. */
    record PaidTicket(long ticketId, UUID orderId, String sessionId, String paymentIntentId) {
    }

    static TicketReserved reservation(String user, long amount, String channel) {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        return new TicketReserved(ticketId, UUID.randomUUID(), UUID.randomUUID().toString(), 7,
                "Shamisen evening " + ticketId % 1000, user, user + "@example.com", 1, amount, "jpy",
                Instant.now().plus(Duration.ofMinutes(10)), channel);
    }

    /** Publishes the Checkout reservation and waits for the session this service opens for it. */
    String checkoutSessionOf(TicketReserved ticket) {
        publish(ticket);
        return awaitOne(ticket.ticketId(), CheckoutSessionCreated.class).sessionId();
    }

    /** Reserved, then paid on the hosted Checkout page as a buyer would. */
    PaidTicket paidByCheckout(String user, long amount) throws Exception {
        var ticket = reservation(user, amount, TicketReserved.CHECKOUT);
        String session = checkoutSessionOf(ticket);
        var pay = HttpRequest.newBuilder(URI.create(stripe.publicBaseUrl() + "/checkout/" + session + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=4242424242424242")).build();
        HttpClient.newHttpClient().send(pay, HttpResponse.BodyHandlers.discarding());
        var succeeded = awaitOne(ticket.ticketId(), PaymentSucceeded.class);
        return new PaidTicket(ticket.ticketId(), ticket.orderId(), session, succeeded.paymentIntentId());
    }

    /** Reserved, then an intent asked for through the payments API v1 and confirmed as the buyer's page would. */
    PaidTicket paidByIntent(String user, long amount) throws Exception {
        var ticket = withIntent(user, amount);
        stripeClient.v1().paymentIntents().confirm(ticket.paymentIntentId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        awaitOne(ticket.ticketId(), PaymentSucceeded.class);
        return ticket;
    }

    /** Reserved, and an intent asked for through the payments API v1, not paid yet. */
    PaidTicket withIntent(String user, long amount) {
        var ticket = reservation(user, amount, TicketReserved.PAYMENT_INTENT);
        publish(ticket);
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                        "select count(*) as n from orders where order_id = :id")
                .bind("id", ticket.orderId()).map(row -> row.get("n", Long.class)).one().block() == 1);
        client.post().uri("/api/v1/payments/intent").headers(h -> h.setBearerAuth(token(user, "user")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"order_id\":\"%s\"}".formatted(ticket.orderId()))
                .exchange().expectStatus().isCreated();
        String intent = awaitOne(ticket.ticketId(), PaymentIntentCreated.class).paymentIntentId();
        return new PaidTicket(ticket.ticketId(), ticket.orderId(), null, intent);
    }
}
