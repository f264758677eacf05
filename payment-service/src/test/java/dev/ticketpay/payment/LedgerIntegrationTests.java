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

import com.stripe.StripeClient;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.RefundCreateParams;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.payment.checkout.CheckoutSaga;
import dev.ticketpay.sandbox.stripe.StripeSandbox;
import dev.ticketpay.support.OnDevInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The money ledger against a Stripe of its own: payments made through either channel on the sandbox, this
 * service's records in a database of its own, and ticket-service as a stub whose tickets each test sets, standing in
 * for a ticket-service that did (or did not) apply the outcomes. A context apart from the saga tests' (its Kafka
 * listeners stay off, so it takes none of their partitions): the ledger reads every charge of its sandbox, so no other
 * test's payments may be there. The tests run in order and each leaves the ledger balanced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OnDevInfrastructure("payments_ledger")
@TestPropertySource(properties = {
        "ticketpay.stripe.request-timeout=1500ms",
        "ticketpay.stripe.call-attempts=2",
        "ticketpay.stripe.retry-backoff=100ms",
        "ticketpay.stripe.event-sweep-interval=500ms",
        "ticketpay.ledger.interval=0s",
        "ticketpay.ledger.settle=0s"})
class LedgerIntegrationTests extends PaymentServiceIntegration {

    static final StripeSandbox stripe = sandbox("whsec_ledgerTests");
    static final String SECRET_KEY = "sk_test_ledger_tests";
    static final StripeClient stripeClient = stripeClient(stripe, SECRET_KEY);
    static final TicketServiceStub ticketService = TicketServiceStub.start();
    /** {@code LedgerLock}'s key. */
    static final long LEDGER_LOCK = 0x7469636b65746c67L;

    /** What is known only once the sandbox and the stub run: their addresses and the sandbox's keys. */
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        stripeAt(registry, stripe, SECRET_KEY);
        registry.add("ticketpay.tickets.url", ticketService::url);
    }

    @Autowired DatabaseClient db;
    @Autowired ConnectionFactory connections;
    @Autowired MeterRegistry meters;
    @Autowired CheckoutSaga checkouts;
    @Autowired TransactionalOperator transactions;

    @BeforeEach
    void stripeSendsItsWebhooksHere() {
        webhooksReachThisService(stripe);
    }

    @Test
    @Order(1)
    void aBalancedLedgerReportsNothingUnbalanced() throws Exception {
        var paid = paidTicket("aiko", 3000, true);

        JsonNode report = reconcile();

        assertThat(report.path("balanced").asBoolean()).isTrue();
        assertThat(report.path("tickets_checked").asBoolean()).isTrue();
        assertThat(report.path("counts").path("charges").asInt()).isEqualTo(1);
        assertThat(report.path("counts").path("paid_tickets").asInt()).isEqualTo(1);
        assertThat(report.path("counts").path("unresolved").asInt()).isZero();
        assertThat(report.path("repaired").size()).isZero();
        assertThat(unbalancedGauge()).isZero();
        assertOnly(paid.ticketId(), PaymentSucceeded.class, 1);
    }

    @Test
    @Order(2)
    void aPaidTicketWithoutItsQrCodeIsReportedUnbalanced() throws Exception {
        var paid = paidTicket("chie", 2500, false);

        JsonNode report = reconcile();

        assertThat(report.path("balanced").asBoolean()).isFalse();
        assertThat(itemsOf(report.path("unresolved"), paid.ticketId())).singleElement().satisfies(item -> {
            assertThat(item.path("reason").asString()).isEqualTo("qr_code_missing");
            assertThat(item.path("charge").asString()).isEqualTo(paid.chargeId());
            assertThat(item.path("payment_intent").asString()).isEqualTo(paid.paymentIntentId());
        });
        assertThat(unbalancedGauge()).isEqualTo(1);
        client.get().uri("/internal/ledger").headers(h -> h.setBearerAuth(token("ops", "admin"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.ran_at").isEqualTo(report.path("ran_at").asString())
                .jsonPath("$.unresolved[0].reason").isEqualTo("qr_code_missing");

        ticketService.ticket(paid.ticketId(), "paid", true);
        assertThat(reconcile().path("balanced").asBoolean()).isTrue();
        assertThat(unbalancedGauge()).isZero();
    }

    @Test
    @Order(3)
    void aSucceededPaymentWhoseOutcomeNeverReachedTheTicketIsPublishedAgain() throws Exception {
        var paid = paidByIntent("bunta", 4000);
        awaitCount(paid.ticketId(), PaymentSucceeded.class, 1);
        // ticket-service dead-lettered the PaymentSucceeded: the ticket is still a reservation
        ticketService.ticket(paid.ticketId(), "reserved", false);

        JsonNode report = reconcile();

        assertThat(itemsOf(report.path("repaired"), paid.ticketId())).singleElement()
                .satisfies(item -> assertThat(item.path("action").asString())
                        .isEqualTo("republished_payment_succeeded"));
        assertThat(itemsOf(report.path("unresolved"), paid.ticketId())).isEmpty();
        var again = awaitCount(paid.ticketId(), PaymentSucceeded.class, 2).getLast();
        assertThat(again.paymentIntentId()).isEqualTo(paid.paymentIntentId());
        assertThat(again.orderId()).isEqualTo(paid.orderId());
        assertThat(again.amount()).isEqualTo(4000);
        assertThat(meters.find("ticketpay.ledger.repairs").tag("action", "republished_payment_succeeded").counter())
                .isNotNull().satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1));

        // ticket-service applies it as it applies any PaymentSucceeded to a reservation: paid, then its QR code
        ticketService.ticket(paid.ticketId(), "paid", true);
        JsonNode after = reconcile();
        assertThat(after.path("balanced").asBoolean()).isTrue();
        assertThat(itemsOf(after.path("repaired"), paid.ticketId())).isEmpty();
        assertOnly(paid.ticketId(), PaymentSucceeded.class, 2);
    }

    @Test
    @Order(4)
    void aSucceededChargeWhoseWebhookNeverCameIsRecordedThroughTheOutcomePath() throws Exception {
        stripe.removeWebhookEndpoint(webhookUrl());
        var paid = paidByIntent("daisuke", 5000, false);
        assertThat(status(paid.ticketId())).isEqualTo("pending");

        JsonNode report = reconcile();

        assertThat(itemsOf(report.path("repaired"), paid.ticketId())).singleElement()
                .satisfies(item -> assertThat(item.path("action").asString()).isEqualTo("reapplied_payment_outcome"));
        assertThat(status(paid.ticketId())).isEqualTo("succeeded");
        var succeeded = awaitCount(paid.ticketId(), PaymentSucceeded.class, 1).getFirst();
        assertThat(succeeded.paymentIntentId()).isEqualTo(paid.paymentIntentId());

        ticketService.ticket(paid.ticketId(), "paid", true);
        assertThat(reconcile().path("balanced").asBoolean()).isTrue();
        assertOnly(paid.ticketId(), PaymentSucceeded.class, 1);
    }

    @Test
    @Order(5)
    void aPaidCheckoutWhoseWebhookNeverCameIsRecordedThroughTheSessionReconcile() throws Exception {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        var reserved = new TicketReserved(ticketId, UUID.randomUUID(), UUID.randomUUID().toString(), 7, "Koto night",
                "gen", "gen@example.com", 1, 3500, "jpy", Instant.now().plus(Duration.ofMinutes(10)),
                TicketReserved.CHECKOUT);
        // what the saga does on TicketReserved (this context's listeners are off)
        checkouts.open(reserved).flatMap(opening -> transactions.transactional(checkouts.recordOpening(reserved,
                opening))).block(Duration.ofSeconds(20));
        String session = checkoutColumn(ticketId, "session_id");
        stripe.removeWebhookEndpoint(webhookUrl());
        var pay = HttpRequest.newBuilder(URI.create(stripe.publicBaseUrl() + "/checkout/" + session + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card=4242424242424242")).build();
        HttpClient.newHttpClient().send(pay, HttpResponse.BodyHandlers.discarding());
        assertThat(checkoutColumn(ticketId, "status")).isEqualTo("pending");

        JsonNode report = reconcile();

        assertThat(itemsOf(report.path("repaired"), ticketId)).singleElement()
                .satisfies(item -> assertThat(item.path("action").asString()).isEqualTo("reapplied_payment_outcome"));
        assertThat(checkoutColumn(ticketId, "status")).isEqualTo("succeeded");
        var succeeded = awaitCount(ticketId, PaymentSucceeded.class, 1).getFirst();
        assertThat(succeeded.paymentReference()).isEqualTo(session);
        assertThat(succeeded.amount()).isEqualTo(3500);

        ticketService.ticket(ticketId, "paid", true);
        assertThat(reconcile().path("balanced").asBoolean()).isTrue();
        assertOnly(ticketId, PaymentSucceeded.class, 1);
    }

    @Test
    @Order(6)
    void aChargeRefundedAtStripeWhileTheTicketStaysPaidIsRefundedOnBothSides() throws Exception {
        var paid = paidTicket("eri", 6000, true);
        // the refund's webhook is lost
        stripe.removeWebhookEndpoint(webhookUrl());
        var refund = stripeClient.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(paid.paymentIntentId()).build());

        JsonNode recorded = reconcile();

        assertThat(itemsOf(recorded.path("repaired"), paid.ticketId())).singleElement()
                .satisfies(item -> assertThat(item.path("action").asString()).isEqualTo("recorded_refund"));
        assertThat(status(paid.ticketId())).isEqualTo("refunded");
        var refunded = awaitCount(paid.ticketId(), PaymentRefunded.class, 1).getFirst();
        assertThat(refunded.refundId()).isEqualTo(refund.getId());
        assertThat(refunded.amount()).isEqualTo(6000);

        // ticket-service dead-lettered that PaymentRefunded: the ticket still counts as paid
        JsonNode republished = reconcile();

        assertThat(itemsOf(republished.path("repaired"), paid.ticketId())).singleElement()
                .satisfies(item -> assertThat(item.path("action").asString())
                        .isEqualTo("republished_payment_refunded"));
        assertThat(awaitCount(paid.ticketId(), PaymentRefunded.class, 2).getLast().refundId())
                .isEqualTo(refund.getId());

        ticketService.ticket(paid.ticketId(), "refunded", true);
        JsonNode after = reconcile();
        assertThat(after.path("balanced").asBoolean()).isTrue();
        assertThat(after.path("counts").path("refunds").asInt()).isEqualTo(1);
        assertOnly(paid.ticketId(), PaymentRefunded.class, 2);
    }

    @Test
    @Order(7)
    void reconcileWhileAnotherRunHoldsTheLockIsAConflict() {
        var connection = Mono.from(connections.create()).block(Duration.ofSeconds(10));
        try {
            // as if another instance were reconciling
            execute(connection, "select pg_advisory_lock($1)");

            client.post().uri("/internal/ledger/reconcile").headers(h -> h.setBearerAuth(token("ops", "admin")))
                    .exchange()
                    .expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.detail")
                    .isEqualTo("A reconciliation is running already; try again shortly.");

            execute(connection, "select pg_advisory_unlock($1)");
        }
        finally {
            Mono.from(connection.close()).block(Duration.ofSeconds(10));
        }
        client.post().uri("/internal/ledger/reconcile").headers(h -> h.setBearerAuth(token("ops", "admin")))
                .exchange().expectStatus().isOk();
    }

    private static void execute(io.r2dbc.spi.Connection connection, String sql) {
        Flux.from(connection.createStatement(sql).bind("$1", LEDGER_LOCK).execute())
                .flatMap(result -> result.map((row, meta) -> 1)).blockLast(Duration.ofSeconds(10));
    }

    @Test
    void theLedgerWhenNoTokenShouldBeUnauthorized() {
        client.get().uri("/internal/ledger").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        client.post().uri("/internal/ledger/reconcile").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void theLedgerWhenNotAdminShouldBeForbidden() {
        String buyer = token("fumi", "user");
        client.get().uri("/internal/ledger").headers(h -> h.setBearerAuth(buyer)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty().jsonPath("$.counts").doesNotExist();
        client.post().uri("/internal/ledger/reconcile").headers(h -> h.setBearerAuth(buyer)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty().jsonPath("$.counts").doesNotExist();
    }

    @Test
    void theReportSaysWhenWhichWindowWhatItCountedRepairedAndLeftOpen() {
        reconcile();

        client.get().uri("/internal/ledger").headers(h -> h.setBearerAuth(token("ops", "admin"))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.ran_at").isNotEmpty()
                .jsonPath("$.trigger").isEqualTo("admin:ops")
                .jsonPath("$.window.from").isNotEmpty()
                .jsonPath("$.window.to").isNotEmpty()
                .jsonPath("$.balanced").isBoolean()
                .jsonPath("$.counts.charges").isNumber()
                .jsonPath("$.counts.paid_tickets").isNumber()
                .jsonPath("$.counts.refunds").isNumber()
                .jsonPath("$.counts.repaired").isNumber()
                .jsonPath("$.counts.unresolved").isNumber()
                .jsonPath("$.repaired").isArray()
                .jsonPath("$.unresolved").isArray()
                .jsonPath("$.window.from").value(from -> assertThat(Instant.parse(from.toString()))
                        .isBefore(Instant.now().minus(Duration.ofDays(6))));
    }

    // ------------------------------------------------------------------ helpers

    record Paid(long ticketId, UUID orderId, String paymentIntentId, String chargeId) {
    }

    /** Paid by PaymentIntent, and ticket-service (the stub) says the ticket is paid, with its QR code or not. */
    Paid paidTicket(String user, long amount, boolean qrIssued) throws Exception {
        var paid = paidByIntent(user, amount);
        ticketService.ticket(paid.ticketId(), "paid", qrIssued);
        return paid;
    }

    Paid paidByIntent(String user, long amount) throws Exception {
        return paidByIntent(user, amount, true);
    }

    /** An order of ticket-service (the stub), its payment asked for through the API, confirmed at Stripe. */
    Paid paidByIntent(String user, long amount, boolean awaitRecorded) throws Exception {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        var order = ticketService.add(new TicketServiceStub.StubOrder(UUID.randomUUID(), ticketId, user, amount, "jpy",
                "reserved", Instant.now().plus(Duration.ofMinutes(10)), TicketReserved.PAYMENT_INTENT));
        client.post().uri("/api/v1/payments/intent").headers(h -> h.setBearerAuth(token(user, "user")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"order_id\":\"%s\"}".formatted(order.orderId()))
                .exchange().expectStatus().isCreated();
        String intent = await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                        "select stripe_payment_intent_id as v from payments where order_id = :id")
                .bind("id", order.orderId()).map(row -> row.get("v", String.class)).one().block(), id -> id != null);
        var confirmed = stripeClient.v1().paymentIntents().confirm(intent,
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
        if (awaitRecorded) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status(ticketId), "succeeded"::equals);
        }
        return new Paid(ticketId, order.orderId(), intent, confirmed.getLatestCharge());
    }

    JsonNode reconcile() {
        byte[] body = client.post().uri("/internal/ledger/reconcile")
                .headers(h -> h.setBearerAuth(token("ops", "admin")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    static List<JsonNode> itemsOf(JsonNode items, long ticketId) {
        return items.valueStream().filter(item -> item.path("ticket_id").asLong() == ticketId).toList();
    }

    double unbalancedGauge() {
        return meters.get("ticketpay.ledger.unbalanced").gauge().value();
    }

    String checkoutColumn(long ticketId, String column) {
        return db.sql("select " + column + " as v from checkout_sessions where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("v", String.class)).one().block();
    }

    String status(long ticketId) {
        return db.sql("select status from payments where ticket_id = :id").bind("id", ticketId)
                .map(row -> row.get("status", String.class)).one().block();
    }
}
