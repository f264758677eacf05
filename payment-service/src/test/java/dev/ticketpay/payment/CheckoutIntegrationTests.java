package dev.ticketpay.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.model.checkout.Session;
import com.stripe.net.ApiResource;
import com.stripe.param.checkout.SessionListParams;
import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.PaymentCancelled;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.sandbox.stripe.HttpFault;
import dev.ticketpay.sandbox.stripe.StripeSandbox;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * payment-service's side of the classic purchase saga, against real Kafka and PostgreSQL and the Stripe sandbox:
 * ticket events in on tickets.v1, Stripe calls and signed webhooks, payment events out on payments.v1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // the last class of the shared context: its last test moves the sandbox's clock for good
class CheckoutIntegrationTests extends SagaIntegrationTest {

    static final HttpClient browser = HttpClient.newHttpClient();

    @Test
    void createsACheckoutSessionForAReservedTicket() throws Exception {
        var ticket = reserved("hanako", 3, 4500, "jpy");
        publish(ticket);

        CheckoutSessionCreated created = await().until(() -> payments.of(ticket.ticketId(),
                CheckoutSessionCreated.class), list -> !list.isEmpty()).getFirst();
        assertThat(created.checkoutUrl()).startsWith(stripe.publicBaseUrl() + "/checkout/" + created.sessionId());
        assertThat(created.orderId()).isEqualTo(ticket.orderId());

        Session session = stripeClient.v1().checkout().sessions().retrieve(created.sessionId());
        assertThat(session.getMode()).isEqualTo("payment");
        assertThat(session.getAmountTotal()).isEqualTo(4500);
        assertThat(session.getCurrency()).isEqualTo("jpy");
        assertThat(session.getClientReferenceId()).isEqualTo(Long.toString(ticket.ticketId()));
        assertThat(session.getMetadata()).containsEntry("ticket_id", Long.toString(ticket.ticketId()))
                .containsEntry("order_id", ticket.orderId().toString());
        assertThat(session.getCustomerEmail()).isEqualTo(ticket.email());
        assertThat(session.getSuccessUrl()).isEqualTo("http://shop.example/payment/success?session_id="
                + session.getId() + "&ticket_id=" + ticket.ticketId());
        assertThat(session.getCancelUrl()).isEqualTo("http://shop.example/payment/cancel?ticket_id="
                + ticket.ticketId());
        // the reservation holds 10 minutes; Stripe's shortest session is 30
        assertThat(Instant.ofEpochSecond(session.getExpiresAt()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(30)), Instant.now().plus(Duration.ofMinutes(32)));
        assertThat(created.expiresAt()).isEqualTo(Instant.ofEpochSecond(session.getExpiresAt()));

        var item = stripeClient.v1().checkout().sessions().lineItems().list(session.getId()).getData().getFirst();
        assertThat(item.getQuantity()).isEqualTo(3);
        assertThat(item.getPrice().getUnitAmount()).isEqualTo(1500);
        assertThat(item.getDescription()).isEqualTo(ticket.eventName());
    }

    @Test
    void payingTheSessionAnnouncesExactlyOnePaymentSucceeded() throws Exception {
        var ticket = reserved("kenji", 2, 2000, "jpy");
        var created = open(ticket);

        assertThat(pay(created.sessionId(), "4242424242424242")).isEqualTo(303);

        PaymentSucceeded succeeded = awaitOne(ticket, PaymentSucceeded.class);
        Session session = stripeClient.v1().checkout().sessions().retrieve(created.sessionId());
        assertThat(succeeded.paymentReference()).isEqualTo(created.sessionId());
        assertThat(succeeded.paymentIntentId()).isEqualTo(session.getPaymentIntent()).startsWith("pi_");
        assertThat(succeeded.amount()).isEqualTo(2000);
        assertThat(succeeded.currency()).isEqualTo("jpy");
        assertOnlyOutcome(ticket, PaymentSucceeded.class);
    }

    @Test
    void aDeclinedCardAnnouncesNoPayment() throws Exception {
        var ticket = reserved("yuki", 1, 1000, "jpy");
        var created = open(ticket);

        assertThat(pay(created.sessionId(), "4000000000000002")).isEqualTo(402);

        // the decline's payment_intent.payment_failed webhook arrives and is processed, without an outcome
        await().until(() -> processedEventsOf(ticket.ticketId(), "payment_intent.payment_failed") == 1);
        assertThat(payments.of(ticket.ticketId())).hasSize(1).first().isInstanceOf(CheckoutSessionCreated.class);
        assertThat(checkoutStatus(ticket.ticketId())).isEqualTo("pending");
    }

    @Test
    void duplicatedAndReorderedWebhooksYieldOneOutcome() throws Exception {
        var ticket = reserved("aiko", 1, 1000, "jpy");
        var created = open(ticket);
        stripe.faults().duplicateWebhooks(4).reorderWebhooks(2, Duration.ofMillis(500));

        pay(created.sessionId(), "4242424242424242");

        awaitOne(ticket, PaymentSucceeded.class);
        await().until(() -> stripe.deliveries().stream()
                .filter(d -> d.endpoint().equals(webhookUrl()) && d.eventType().equals("checkout.session.completed")
                        && d.succeeded())
                .count() >= 2);
        // and a late expiry of the paid session (it cannot happen at Stripe, but order is never guaranteed)
        var completed = stripeEvent("checkout.session.completed", created.sessionId());
        var expired = (tools.jackson.databind.node.ObjectNode) completed.deepCopy();
        expired.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        expired.put("type", "checkout.session.expired");
        ((tools.jackson.databind.node.ObjectNode) expired.get("data").get("object")).put("status", "expired");
        postSigned(JSON.writeValueAsString(expired)).expectStatus().isOk();
        await().until(() -> processedEventsOf(ticket.ticketId(), "checkout.session.expired") == 1);
        assertOnlyOutcome(ticket, PaymentSucceeded.class);
    }

    @Test
    void aDelayedPaymentThatSucceedsAfterCheckoutAnnouncesPaymentSucceededOnce() throws Exception {
        var ticket = reserved("kaito", 1, 1000, "jpy");
        var created = open(ticket);

        // a bank debit: the buyer completes checkout, the money arrives later
        completedUnpaid(created.sessionId()).expectBody().jsonPath("$.data.status").isEqualTo("processing");
        await().until(() -> processedEventsOf(ticket.ticketId(), "checkout.session.completed") == 1);
        assertThat(payments.of(ticket.ticketId())).hasSize(1).first().isInstanceOf(CheckoutSessionCreated.class);

        String succeeded = delayedPaymentEvent("checkout.session.async_payment_succeeded", created.sessionId(), "paid");
        postSigned(succeeded).expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("succeeded");
        postSigned(succeeded).expectStatus().isOk();
        var announced = awaitOne(ticket, PaymentSucceeded.class);
        assertThat(announced.paymentReference()).isEqualTo(created.sessionId());
        assertOnlyOutcome(ticket, PaymentSucceeded.class);
    }

    @Test
    void aDelayedPaymentThatFailsAfterCheckoutAnnouncesPaymentFailed() throws Exception {
        var ticket = reserved("rin", 2, 1500, "jpy");
        var created = open(ticket);

        completedUnpaid(created.sessionId());
        postSigned(delayedPaymentEvent("checkout.session.async_payment_failed", created.sessionId(), "unpaid"))
                .expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("failed");

        var failed = awaitOne(ticket, PaymentFailed.class);
        assertThat(failed.reason()).isEqualTo(PaymentFailed.DECLINED);
        assertOnlyOutcome(ticket, PaymentFailed.class);
    }

    @Test
    void acceptsASignedWebhookOnceAndAnswersInTheV1Envelope() throws Exception {
        var ticket = reserved("sora", 1, 1000, "jpy");
        var created = open(ticket);
        stripe.removeWebhookEndpoint(webhookUrl());
        pay(created.sessionId(), "4242424242424242");
        String payload = JSON.writeValueAsString(stripeEvent("checkout.session.completed", created.sessionId()));
        String eventId = JSON.readTree(payload).get("id").asString();

        for (int delivery = 0; delivery < 2; delivery++) {
            postSigned(payload)
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("success")
                    .jsonPath("$.data.event_id").isEqualTo(eventId)
                    .jsonPath("$.data.event_type").isEqualTo("checkout.session.completed")
                    .jsonPath("$.data.payment_intent_id").isEqualTo(JSON.readTree(payload).at(
                            "/data/object/payment_intent").asString())
                    .jsonPath("$.data.status").isEqualTo("succeeded");
        }
        assertThat(storedEvents(eventId)).isEqualTo(1);
        awaitOne(ticket, PaymentSucceeded.class);
        assertOnlyOutcome(ticket, PaymentSucceeded.class);
    }

    @Test
    void rejectsForgedStaleAndUnsignedWebhooksWithoutStoringThem() throws Exception {
        String eventId = "evt_forged_" + UUID.randomUUID().toString().replace("-", "");
        String payload = """
                {"id":"%s","object":"event","type":"checkout.session.completed","created":%d,
                 "data":{"object":{"id":"cs_test_forged","object":"checkout.session","payment_status":"paid"}}}"""
                .formatted(eventId, Instant.now().getEpochSecond());

        for (String signature : List.of(sign(payload, "whsec_somebodyElse", Instant.now()),
                sign(payload, stripe.webhookSecret(), Instant.now().minus(Duration.ofMinutes(6))), "garbage")) {
            postWebhook(payload, signature).expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("error")
                    .jsonPath("$.error").isEqualTo("Invalid webhook signature")
                    .jsonPath("$.code").isEqualTo(400);
        }
        client.post().uri("/api/v1/payments/webhook").contentType(MediaType.APPLICATION_JSON).bodyValue(payload)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("Invalid webhook signature");
        assertThat(storedEvents(eventId)).isZero();
    }

    /** Signed by Stripe's secret, yet no Stripe event: a 400 in the v1 envelope, never a 500, nothing stored. */
    @Test
    void rejectsSignedWebhooksThatAreNoStripeEvent() throws Exception {
        for (String payload : List.of("not json at all", "{\"object\":\"event\",\"data\":{}}")) {
            postSigned(payload).expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("error")
                    .jsonPath("$.error").isEqualTo("Invalid webhook payload")
                    .jsonPath("$.code").isEqualTo(400);
        }
    }

    @Test
    void reconcileBeforeTheWebhookAnnouncesThePaymentOnce() throws Exception {
        var ticket = reserved("daichi", 2, 3000, "jpy");
        var created = open(ticket);
        stripe.removeWebhookEndpoint(webhookUrl());
        pay(created.sessionId(), "4242424242424242");

        reconcile(created.sessionId(), token("somebody-else", "user")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        reconcile("cs_test_unknown", token(ticket.userId(), "user")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        reconcile(created.sessionId(), token(ticket.userId(), "user")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.session_id").isEqualTo(created.sessionId())
                .jsonPath("$.ticket_id").isEqualTo(ticket.ticketId())
                .jsonPath("$.payment_status").isEqualTo("paid")
                .jsonPath("$.status").isEqualTo("complete");
        awaitOne(ticket, PaymentSucceeded.class);

        // an admin asking again, and the webhook arriving late, add nothing
        reconcile(created.sessionId(), token("ops", "admin")).expectStatus().isOk();
        String payload = JSON.writeValueAsString(stripeEvent("checkout.session.completed", created.sessionId()));
        postSigned(payload).expectStatus().isOk();
        await().until(() -> processedEventsOf(ticket.ticketId(), "checkout.session.completed") == 1);
        assertOnlyOutcome(ticket, PaymentSucceeded.class);
    }

    @Test
    void reconcileWithoutTokenIsUnauthorized() {
        client.post().uri("/internal/payments/checkout-sessions/{id}/reconcile", "cs_test_x").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void reconcilingASessionStripeDoesNotKnowAnswers404InTheClassicShape() {
        // recorded here, unknown to the Stripe account this service talks to (as after a change of keys)
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        String sessionId = "cs_test_elsewhere_" + ticketId;
        db.sql("""
                insert into checkout_sessions (ticket_id, order_id, user_id, amount, currency, status, session_id,
                                               checkout_url, expires_at)
                values (:ticket, :order, 'akira', 1000, 'jpy', 'pending', :session, :url,
                        now() + interval '30 minutes')""")
                .bind("ticket", ticketId).bind("order", UUID.randomUUID()).bind("session", sessionId)
                .bind("url", "https://checkout.stripe.com/c/pay/" + sessionId)
                .then().block(Duration.ofSeconds(5));

        String body = reconcile(sessionId, token("akira", "user")).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        var answer = JSON.readTree(body);
        assertThat(answer.propertyNames()).containsExactly("detail");
        assertThat(answer.path("detail").asString())
                .isEqualTo("No checkout session " + sessionId + " at the payment provider.");
        assertThat(checkoutStatus(ticketId)).isEqualTo("pending");
    }

    @Test
    void aLostWebhookIsRecoveredFromStripesEventList() throws Exception {
        var ticket = reserved("ren", 1, 1000, "jpy");
        var created = open(ticket);
        stripe.removeWebhookEndpoint(webhookUrl());

        pay(created.sessionId(), "4242424242424242");

        PaymentSucceeded succeeded = await().atMost(Duration.ofSeconds(15))
                .until(() -> payments.of(ticket.ticketId(), PaymentSucceeded.class), list -> !list.isEmpty())
                .getFirst();
        assertThat(succeeded.paymentReference()).isEqualTo(created.sessionId());
        assertOnlyOutcome(ticket, PaymentSucceeded.class);
    }

    @Test
    void cancellingTheTicketExpiresTheSessionAndAnnouncesPaymentCancelled() throws Exception {
        var ticket = reserved("mei", 1, 1000, "jpy");
        var created = open(ticket);

        publish(new TicketCancelled(ticket.ticketId(), ticket.orderId(), ticket.userId(), Instant.now()));

        PaymentCancelled cancelled = awaitOne(ticket, PaymentCancelled.class);
        assertThat(cancelled.paymentReference()).isEqualTo(created.sessionId());
        assertThat(stripeClient.v1().checkout().sessions().retrieve(created.sessionId()).getStatus())
                .isEqualTo("expired");
        // Stripe's own checkout.session.expired comes too, and is recognised as our cancel
        await().until(() -> processedEventsOf(ticket.ticketId(), "checkout.session.expired") == 1);
        assertOnlyOutcome(ticket, PaymentCancelled.class);
        assertThat(pay(created.sessionId(), "4242424242424242")).isEqualTo(410);
    }

    /** Last: the sandbox's clock cannot go back, and sessions created after it moved would be refused. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anUnpaidSessionThatRunsOutAnnouncesPaymentFailedExpired() throws Exception {
        var ticket = reserved("taro", 1, 1000, "jpy");
        open(ticket);

        stripe.advanceClock(Duration.ofHours(25));

        PaymentFailed failed = awaitOne(ticket, PaymentFailed.class);
        assertThat(failed.reason()).isEqualTo(PaymentFailed.EXPIRED);
        assertThat(failed.releasesReservation()).isTrue();
    }

    @Test
    void aRefundRequestRefundsThePaymentOnce() throws Exception {
        var ticket = reserved("nana", 2, 5000, "jpy");
        var created = open(ticket);
        pay(created.sessionId(), "4242424242424242");
        PaymentSucceeded succeeded = awaitOne(ticket, PaymentSucceeded.class);

        var request = new RefundRequested(ticket.ticketId(), ticket.orderId(), succeeded.paymentReference(), 5000,
                "jpy", "late_payment");
        publish(request);
        publish(request);

        PaymentRefunded refunded = awaitOne(ticket, PaymentRefunded.class);
        assertThat(refunded.amount()).isEqualTo(5000);
        assertThat(refunded.currency()).isEqualTo("jpy");
        var refund = stripeClient.v1().refunds().retrieve(refunded.refundId());
        assertThat(refund.getPaymentIntent()).isEqualTo(succeeded.paymentIntentId());
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> payments.of(ticket.ticketId(), PaymentRefunded.class).size() == 1);
    }

    @Test
    void stripeFailingAtFirstStillYieldsOneSession() throws Exception {
        stripe.faults().inject(HttpFault.serverError(2).on("POST", "/v1/checkout/sessions"));
        stripe.faults().inject(HttpFault.hangAfterProcessing(1, Duration.ofMillis(1700))
                .on("POST", "/v1/checkout/sessions"));
        var ticket = reserved("kaito", 1, 1000, "jpy");
        publish(ticket);

        var created = awaitOne(ticket, CheckoutSessionCreated.class);
        assertThat(sessionsAtStripe(ticket.ticketId())).containsExactly(created.sessionId());
    }

    @Test
    void stripeStayingDownFailsThePaymentAndReleasesTheReservation() {
        stripe.faults().inject(HttpFault.serverError(100).on("POST", "/v1/checkout/sessions"));
        var ticket = reserved("hina", 1, 1000, "jpy");
        publish(ticket);

        PaymentFailed failed = awaitOne(ticket, PaymentFailed.class);
        stripe.faults().clear();
        assertThat(failed.reason()).isEqualTo(PaymentFailed.STRIPE_UNAVAILABLE);
        assertThat(failed.releasesReservation()).isTrue();
        assertThat(failed.orderId()).isEqualTo(ticket.orderId());
        assertThat(payments.of(ticket.ticketId(), CheckoutSessionCreated.class)).isEmpty();
    }

    @Test
    void stripeRefusingTheSessionFailsThePaymentWithStripesCode() {
        var ticket = reserved("riku", 1, 10, "jpy");
        publish(ticket);

        PaymentFailed failed = awaitOne(ticket, PaymentFailed.class);
        assertThat(failed.reason()).isEqualTo("amount_too_small");
        assertThat(failed.releasesReservation()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private CheckoutSessionCreated open(TicketReserved ticket) {
        publish(ticket);
        return awaitOne(ticket, CheckoutSessionCreated.class);
    }

    private static <T extends TicketEvent> T awaitOne(TicketReserved ticket, Class<T> type) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> payments.of(ticket.ticketId(), type), list -> !list.isEmpty()).getFirst();
    }

    /** Exactly one outcome event for the ticket, of the given type, and it stays that way for a moment. */
    private static void assertOnlyOutcome(TicketReserved ticket, Class<? extends TicketEvent> outcome) {
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> {
            var events = payments.of(ticket.ticketId());
            return events.stream().filter(e -> !(e instanceof CheckoutSessionCreated)).toList().size() == 1
                    && events.stream().filter(outcome::isInstance).count() == 1;
        });
    }

    private static TicketReserved reserved(String user, int quantity, long amount, String currency) {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        return new TicketReserved(ticketId, UUID.randomUUID(), UUID.randomUUID().toString(),
                ThreadLocalRandom.current().nextLong(1, 10_000), "Jazz night " + ticketId % 1000, user,
                user + "@example.com", quantity, amount, currency, Instant.now().plus(Duration.ofMinutes(10)),
                TicketReserved.CHECKOUT);
    }

    /** Pays on the sandbox's hosted page, as the buyer's browser would; answers the page's status. */
    private static int pay(String sessionId, String card) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stripe.publicBaseUrl() + "/checkout/" + sessionId + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=" + card))
                .build();
        return browser.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The event Stripe sends for a session paid with a delayed method (a debit): built from the session exactly as
     * the sandbox returns it, which never takes such payments itself, completed with this {@code payment_status}.
     */
    /** A bank debit's checkout completed, its money not there yet: the signed webhook, accepted. */
    private WebTestClient.ResponseSpec completedUnpaid(String sessionId) throws Exception {
        return postSigned(delayedPaymentEvent("checkout.session.completed", sessionId, "unpaid")).expectStatus().isOk();
    }

    private static String delayedPaymentEvent(String type, String sessionId, String paymentStatus) throws Exception {
        var session = (tools.jackson.databind.node.ObjectNode) JSON.readTree(stripeClient.rawRequest(
                ApiResource.RequestMethod.GET, "/v1/checkout/sessions/" + sessionId, null).body());
        session.put("status", "complete");
        session.put("payment_status", paymentStatus);
        session.put("payment_intent", "pi_" + sessionId.substring(sessionId.length() - 24));
        var event = JSON.createObjectNode();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("object", "event");
        event.put("api_version", StripeSandbox.API_VERSION);
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("type", type);
        event.putObject("data").set("object", session);
        return JSON.writeValueAsString(event);
    }

    private WebTestClient.ResponseSpec reconcile(String sessionId, String token) {
        return client.post().uri("/internal/payments/checkout-sessions/{id}/reconcile", sessionId)
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private static List<String> sessionsAtStripe(long ticketId) throws Exception {
        return stripeClient.v1().checkout().sessions().list(SessionListParams.builder().setLimit(100L).build())
                .getData().stream()
                .filter(s -> Long.toString(ticketId).equals(s.getClientReferenceId()))
                .map(Session::getId).toList();
    }

    private long storedEvents(String eventId) {
        return db.sql("select count(*) as n from stripe_events where id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long processedEventsOf(long ticketId, String type) {
        return db.sql("""
                select count(*) as n from stripe_events where type = :type and processed_at is not null
                and payload -> 'data' -> 'object' -> 'metadata' ->> 'ticket_id' = :ticket""")
                .bind("type", type).bind("ticket", Long.toString(ticketId))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private String checkoutStatus(long ticketId) {
        return db.sql("select status from checkout_sessions where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("status", String.class)).one().block();
    }
}
