package dev.ticketpay.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.exception.CardException;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.RefundCreateParams;
import dev.ticketpay.contracts.PaymentCancelled;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.PaymentIntentCreated;
import dev.ticketpay.contracts.PaymentRefunded;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketReserved;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payments API v1 against real Kafka and PostgreSQL and the Stripe sandbox: orders from tickets.v1 (or from
 * ticket-service's stub when the request comes first), intents confirmed server-side as a buyer's page would,
 * signed webhooks, payment events out on payments.v1, and every answer of seed 004 in its envelope.
 */
class PaymentIntentIntegrationTests extends SagaIntegrationTest {

    @Test
    void aReservedOrderIsPaidThroughItsIntent() throws Exception {
        var ticket = reserved("michiko", 3000, "jpy");
        known(ticket);
        String buyer = token("michiko", "user");

        JsonNode answer = body(requestIntent(ticket.orderId(), "michiko.receipts@example.com", buyer)
                .expectStatus().isCreated());
        assertThat(answer.path("status").asString()).isEqualTo("success");
        JsonNode data = answer.path("data");
        assertThat(fieldNames(data)).containsExactly("payment_id", "client_secret", "amount", "currency", "status");
        assertThat(data.path("amount").asLong()).isEqualTo(3000);
        assertThat(data.path("currency").asString()).isEqualTo("jpy");
        assertThat(data.path("status").asString()).isEqualTo("pending");
        String paymentId = data.path("payment_id").asString();
        String intentId = intentOf(data.path("client_secret").asString());

        var intent = stripeClient.v1().paymentIntents().retrieve(intentId);
        assertThat(intent.getAmount()).isEqualTo(3000);
        assertThat(intent.getCurrency()).isEqualTo("jpy");
        assertThat(intent.getReceiptEmail()).isEqualTo("michiko.receipts@example.com");
        assertThat(intent.getAutomaticPaymentMethods().getEnabled()).isTrue();
        assertThat(intent.getMetadata()).containsEntry("order_id", ticket.orderId().toString())
                .containsEntry("ticket_id", Long.toString(ticket.ticketId()))
                .containsEntry("payment_id", paymentId);
        PaymentIntentCreated created = awaitOne(ticket.ticketId(), PaymentIntentCreated.class);
        assertThat(created.paymentId().toString()).isEqualTo(paymentId);
        assertThat(created.paymentIntentId()).isEqualTo(intentId);

        confirm(intentId, "pm_card_visa");

        await().until(() -> details(paymentId, buyer).path("data").path("status").asString(), "succeeded"::equals);
        JsonNode details = details(paymentId, buyer).path("data");
        assertThat(fieldNames(details)).containsExactly("id", "order_id", "stripe_payment_intent_id", "amount",
                "currency", "status", "created_at", "updated_at");
        assertThat(details.path("id").asString()).isEqualTo(paymentId);
        assertThat(details.path("order_id").asString()).isEqualTo(ticket.orderId().toString());
        assertThat(details.path("stripe_payment_intent_id").asString()).isEqualTo(intentId);
        assertThat(details.path("amount").asLong()).isEqualTo(3000);
        assertThat(Instant.parse(details.path("updated_at").asString()))
                .isAfterOrEqualTo(Instant.parse(details.path("created_at").asString()));

        PaymentSucceeded succeeded = awaitOne(ticket.ticketId(), PaymentSucceeded.class);
        assertThat(succeeded.paymentReference()).isEqualTo(intentId);
        assertThat(succeeded.paymentIntentId()).isEqualTo(intentId);
        assertThat(succeeded.amount()).isEqualTo(3000);
        assertThat(succeeded.orderId()).isEqualTo(ticket.orderId());

        // the same webhook again answers in the seed's envelope and changes nothing
        String payload = JSON.writeValueAsString(stripeEvent("payment_intent.succeeded", intentId));
        postSigned(payload)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("success")
                .jsonPath("$.data.event_id").isEqualTo(JSON.readTree(payload).path("id").asString())
                .jsonPath("$.data.event_type").isEqualTo("payment_intent.succeeded")
                .jsonPath("$.data.payment_intent_id").isEqualTo(intentId)
                .jsonPath("$.data.status").isEqualTo("succeeded");
        assertOnly(ticket.ticketId(), PaymentSucceeded.class, 1);

        details(paymentId, token("somebody-else", "user"), 403);
        assertThat(details(paymentId, token("ops", "admin")).path("data").path("status").asString())
                .isEqualTo("succeeded");
    }

    @Test
    void aDeclinedCardFailsThePaymentAndAnotherCardPaysTheSameIntent() throws Exception {
        var ticket = reserved("goro", 2000, "jpy");
        String buyer = token("goro", "user");
        JsonNode first = intentRequested(ticket, buyer);
        String paymentId = first.path("payment_id").asString();
        String intentId = intentOf(first.path("client_secret").asString());

        confirm(intentId, "pm_card_chargeDeclined");

        PaymentFailed failed = awaitOne(ticket.ticketId(), PaymentFailed.class);
        assertThat(failed.releasesReservation()).isFalse();
        assertThat(failed.reason()).isEqualTo(PaymentFailed.DECLINED);
        assertThat(failed.paymentReference()).isEqualTo(intentId);
        assertThat(failed.message()).isNotBlank();
        await().until(() -> details(paymentId, buyer).path("data").path("status").asString(), "failed"::equals);

        JsonNode again = createdIntent(ticket.orderId(), buyer);
        assertThat(again.path("payment_id").asString()).isEqualTo(paymentId);
        assertThat(again.path("client_secret").asString()).isEqualTo(first.path("client_secret").asString());
        assertThat(again.path("status").asString()).isEqualTo("pending");

        confirm(intentId, "pm_card_visa");

        awaitOne(ticket.ticketId(), PaymentSucceeded.class);
        assertThat(details(paymentId, buyer).path("data").path("status").asString()).isEqualTo("succeeded");
        assertOnly(ticket.ticketId(), PaymentSucceeded.class, 1);
        assertThat(payments.of(ticket.ticketId(), PaymentFailed.class)).hasSize(1);
    }

    @Test
    void anIntentRequestedBeforeTheReservationArrivesIsServedFromTicketService() throws Exception {
        var order = ticketService.add(new TicketServiceStub.StubOrder(UUID.randomUUID(), ticketId(), "fumiko",
                4200, "jpy", "reserved", Instant.now().plus(Duration.ofMinutes(10)), TicketReserved.PAYMENT_INTENT));
        String buyer = token("fumiko", "user");

        JsonNode data = createdIntent(order.orderId(), buyer);
        assertThat(data.path("amount").asLong()).isEqualTo(4200);
        assertThat(data.path("status").asString()).isEqualTo("pending");
        assertThat(ticketService.lookupsOf(order.orderId())).extracting(TicketServiceStub.Lookup::bearerToken)
                .containsExactly(buyer);

        // the reservation's own event arrives afterwards and changes nothing
        publish(new TicketReserved(order.ticketId(), order.orderId(), UUID.randomUUID().toString(), 7, "Jazz night",
                "fumiko", null, 1, 4200, "jpy", order.expiresAt(), TicketReserved.PAYMENT_INTENT));
        awaitOne(order.ticketId(), PaymentIntentCreated.class);
        JsonNode again = createdIntent(order.orderId(), buyer);
        assertThat(again.path("payment_id").asString()).isEqualTo(data.path("payment_id").asString());
        assertThat(ticketService.lookupsOf(order.orderId())).hasSize(1);
        assertOnly(order.ticketId(), PaymentIntentCreated.class, 1);
    }

    @Test
    void repeatedAndConcurrentRequestsAnswerOnePaymentWithOneIntent() throws Exception {
        var ticket = reserved("isamu", 1500, "jpy");
        known(ticket);
        String buyer = token("isamu", "user");
        var http = WebClient.create("http://localhost:" + port);

        List<String> concurrent = Flux.range(0, 10)
                .flatMap(i -> http.post().uri("/api/v1/payments/intent")
                        .headers(h -> h.setBearerAuth(buyer))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"order_id\":\"" + ticket.orderId() + "\"}")
                        .exchangeToMono(response -> {
                            assertThat(response.statusCode().value()).isEqualTo(201);
                            return response.bodyToMono(String.class);
                        }), 10)
                .collectList().block(Duration.ofSeconds(30));
        var answers = new HashSet<String>();
        for (String answer : concurrent) {
            answers.add(JSON.readTree(answer).path("data").toString());
        }
        for (int again = 0; again < 2; again++) {
            answers.add(body(requestIntent(ticket.orderId(), null, buyer).expectStatus().isCreated())
                    .path("data").toString());
        }

        // twelve answers, one payment and one intent (the sandbox makes a new random id and secret per intent)
        assertThat(answers).hasSize(1);
        assertThat(db.sql("select count(*) as n from payments where order_id = :id").bind("id", ticket.orderId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        assertOnly(ticket.ticketId(), PaymentIntentCreated.class, 1);
    }

    @Test
    void aFreeTicketsConfirmationIsSkippedWithoutATransactionAPaidOneIsApplied() {
        long ticketId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        UUID orderId = UUID.randomUUID();
        UUID freeConfirmation = UUID.randomUUID();
        UUID paidConfirmation = UUID.randomUUID();
        // one ticket, so one partition: the second is consumed after the first
        publish(new TicketConfirmed(ticketId, orderId, UUID.randomUUID().toString(), 7, "aiko", 1, 0, "jpy",
                Instant.now()), freeConfirmation);
        publish(new TicketConfirmed(ticketId, orderId, UUID.randomUUID().toString(), 7, "aiko", 1, 3000, "jpy",
                Instant.now()), paidConfirmation);

        await().atMost(Duration.ofSeconds(20)).until(() -> inboxRowsOf(paidConfirmation) == 1);
        assertThat(inboxRowsOf(freeConfirmation)).isZero();
    }

    @Test
    void intentRequestsAnswerEveryErrorOfTheContractInTheV1Envelope() {
        String buyer = token("kazuko", "user");
        client.post().uri("/api/v1/payments/intent").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"order_id\":\"" + UUID.randomUUID() + "\"}")
                .exchange().expectStatus().isUnauthorized();

        for (String body : List.of("{}", "{\"order_id\":null}", "{\"order_id\":\"not-a-uuid\"}",
                "{\"order_id\":\"1-2-3-4-5\"}", "{\"order_id\":42}", "{\"order_id\":{}}", "")) {
            error(postIntent(body, MediaType.APPLICATION_JSON, buyer), 400, "order_id");
        }
        error(postIntent("{\"order_id\":\"" + UUID.randomUUID() + "\",\"customer_email\":\"not an address\"}",
                MediaType.APPLICATION_JSON, buyer), 400, "customer_email");
        error(postIntent("{\"order_id\":", MediaType.APPLICATION_JSON, buyer), 400, null);
        error(postIntent("order_id=x", MediaType.TEXT_PLAIN, buyer), 415, null);

        error(requestIntent(UUID.randomUUID(), null, buyer), 404, "order_id");
        var theirs = ticketService.add(stubOrder("someone-else", 1000, "reserved", TicketReserved.PAYMENT_INTENT,
                Duration.ofMinutes(10)));
        error(requestIntent(theirs.orderId(), null, buyer), 403, null);
        var classic = ticketService.add(stubOrder("kazuko", 1000, "reserved", TicketReserved.CHECKOUT,
                Duration.ofMinutes(10)));
        // a free order is paid at once and holds nothing: no expires_at
        var free = ticketService.add(stubOrder("kazuko", 0, "paid", TicketReserved.PAYMENT_INTENT, null));
        var cancelled = ticketService.add(stubOrder("kazuko", 1000, "cancelled", TicketReserved.PAYMENT_INTENT,
                Duration.ofMinutes(10)));
        var expiredHold = ticketService.add(stubOrder("kazuko", 1000, "reserved", TicketReserved.PAYMENT_INTENT,
                Duration.ofMinutes(-1)));
        for (var notPayable : List.of(classic, free, cancelled, expiredHold)) {
            error(requestIntent(notPayable.orderId(), null, buyer), 400, "order_id");
        }
    }

    @Test
    void anOrderStripeRefusesAnswers400NamingTheOrderWithStripesReason() {
        // ¥10 is below Stripe's minimum charge for jpy (¥50): Stripe refuses to create the PaymentIntent
        var order = ticketService.add(stubOrder("kenta", 10, "reserved", TicketReserved.PAYMENT_INTENT,
                Duration.ofMinutes(10)));

        JsonNode answer = error(requestIntent(order.orderId(), null, token("kenta", "user")), 400, "order_id");

        assertThat(answer.path("error").asString())
                .isEqualTo("The payment provider refused this order: Amount must be at least ¥50 jpy");
        assertOnly(order.ticketId(), PaymentIntentCreated.class, 0);
    }

    @Test
    void anOrderTicketServiceCannotBeAskedAboutAnswers503() {
        var order = ticketService.add(stubOrder("emi", 1000, "reserved", TicketReserved.PAYMENT_INTENT,
                Duration.ofMinutes(10)));
        ticketService.failLookupsOf(order.orderId());

        JsonNode answer = error(requestIntent(order.orderId(), null, token("emi", "user")), 503, null);

        assertThat(answer.path("error").asString()).isEqualTo("Orders cannot be looked up right now; try again.");
        assertThat(ticketService.lookupsOf(order.orderId())).isNotEmpty();
        assertOnly(order.ticketId(), PaymentIntentCreated.class, 0);
    }

    @Test
    void paymentDetailsAnswerEveryErrorOfTheContractInTheV1Envelope() {
        String reader = token("kazuko", "user");
        client.get().uri("/api/v1/payments/{id}", UUID.randomUUID()).exchange().expectStatus().isUnauthorized();
        for (String notAUuid : List.of("abc", "1-2-3-4-5", "webhook")) {
            error(client.get().uri("/api/v1/payments/{id}", notAUuid).headers(h -> h.setBearerAuth(reader))
                    .exchange(), 400, "payment_id");
        }
        error(client.get().uri("/api/v1/payments/{id}", UUID.randomUUID()).headers(h -> h.setBearerAuth(reader))
                .exchange(), 404, "payment_id");
    }

    @Test
    void cancellingTheTicketCancelsItsIntentAtStripe() throws Exception {
        var ticket = reserved("naoki", 2500, "jpy");
        String buyer = token("naoki", "user");
        JsonNode data = intentRequested(ticket, buyer);
        String intentId = intentOf(data.path("client_secret").asString());

        publish(new TicketCancelled(ticket.ticketId(), ticket.orderId(), ticket.userId(), Instant.now()));

        PaymentCancelled cancelled = awaitOne(ticket.ticketId(), PaymentCancelled.class);
        assertThat(cancelled.paymentReference()).isEqualTo(intentId);
        assertThat(stripeClient.v1().paymentIntents().retrieve(intentId).getStatus()).isEqualTo("canceled");
        assertThat(details(data.path("payment_id").asString(), buyer).path("data").path("status").asString())
                .isEqualTo("cancelled");
        error(requestIntent(ticket.orderId(), null, buyer), 400, "order_id");
        // Stripe's own payment_intent.canceled comes too and adds nothing
        await().until(() -> processedEvents("payment_intent.canceled", intentId) == 1);
        assertOnly(ticket.ticketId(), PaymentCancelled.class, 1);
    }

    @Test
    void aRefundRequestRefundsTheIntentOnce() throws Exception {
        var ticket = reserved("sachiko", 5000, "jpy");
        var paid = paid(ticket);

        var request = new RefundRequested(ticket.ticketId(), ticket.orderId(), paid.intentId(), 5000, "jpy",
                "late_payment");
        publish(request);
        publish(request);

        PaymentRefunded refunded = awaitOne(ticket.ticketId(), PaymentRefunded.class);
        assertThat(refunded.amount()).isEqualTo(5000);
        assertThat(refunded.currency()).isEqualTo("jpy");
        var refund = stripeClient.v1().refunds().retrieve(refunded.refundId());
        assertThat(refund.getPaymentIntent()).isEqualTo(paid.intentId());
        assertThat(details(paid.paymentId(), token("sachiko", "user")).path("data").path("status").asString())
                .isEqualTo("refunded");
        await().until(() -> processedEvents("charge.refunded", paid.intentId()) == 1);
        assertOnly(ticket.ticketId(), PaymentRefunded.class, 1);
    }

    @Test
    void aRefundMadeAtStripeMarksThePaymentRefunded() throws Exception {
        var ticket = reserved("tomoko", 1800, "jpy");
        var paid = paid(ticket);
        String buyer = token("tomoko", "user");

        var refund = stripeClient.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(paid.intentId()).build());

        await().until(() -> details(paid.paymentId(), buyer).path("data").path("status").asString(),
                "refunded"::equals);
        PaymentRefunded refunded = awaitOne(ticket.ticketId(), PaymentRefunded.class);
        assertThat(refunded.refundId()).isEqualTo(refund.getId());
        assertThat(refunded.amount()).isEqualTo(1800);
    }

    // ------------------------------------------------------------------ helpers

    private record Paid(String paymentId, String intentId) {
    }

    private Paid paid(TicketReserved ticket) throws Exception {
        JsonNode data = intentRequested(ticket, token(ticket.userId(), "user"));
        String intentId = intentOf(data.path("client_secret").asString());
        confirm(intentId, "pm_card_visa");
        awaitOne(ticket.ticketId(), PaymentSucceeded.class);
        return new Paid(data.path("payment_id").asString(), intentId);
    }

    private static TicketReserved reserved(String user, long amount, String currency) {
        long ticketId = ticketId();
        return new TicketReserved(ticketId, UUID.randomUUID(), UUID.randomUUID().toString(), 42,
                "Koto recital " + ticketId % 1000, user, user + "@example.com", 1, amount, currency,
                Instant.now().plus(Duration.ofMinutes(10)), TicketReserved.PAYMENT_INTENT);
    }

    private static TicketServiceStub.StubOrder stubOrder(String user, long amount, String status, String channel,
            Duration holdLeft) {
        return new TicketServiceStub.StubOrder(UUID.randomUUID(), ticketId(), user, amount, "jpy", status,
                holdLeft == null ? null : Instant.now().plus(holdLeft), channel);
    }

    private static long ticketId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    }

    /** Publishes the reservation and waits until the service has recorded it. */
    private void known(TicketReserved ticket) {
        publish(ticket);
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                        "select count(*) as n from orders where order_id = :id")
                .bind("id", ticket.orderId()).map(row -> row.get("n", Long.class)).one().block() == 1);
    }

    /** Given: the service has recorded the reservation and its buyer has asked for the PaymentIntent. */
    private JsonNode intentRequested(TicketReserved ticket, String buyer) {
        known(ticket);
        return createdIntent(ticket.orderId(), buyer);
    }

    /** The order's payment asked for by its buyer, answered 201 Created: the answer's {@code data}. */
    private JsonNode createdIntent(UUID orderId, String buyer) {
        return body(requestIntent(orderId, null, buyer).expectStatus().isCreated()).path("data");
    }

    private WebTestClient.ResponseSpec requestIntent(UUID orderId, String email, String token) {
        String body = email == null ? "{\"order_id\":\"%s\"}".formatted(orderId)
                : "{\"order_id\":\"%s\",\"customer_email\":\"%s\"}".formatted(orderId, email);
        return postIntent(body, MediaType.APPLICATION_JSON, token);
    }

    private WebTestClient.ResponseSpec postIntent(String body, MediaType type, String token) {
        return client.post().uri("/api/v1/payments/intent")
                .headers(h -> h.setBearerAuth(token))
                .contentType(type)
                .bodyValue(body)
                .exchange();
    }

    private JsonNode details(String paymentId, String token) {
        return body(client.get().uri("/api/v1/payments/{id}", paymentId).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk());
    }

    private void details(String paymentId, String token, int status) {
        error(client.get().uri("/api/v1/payments/{id}", paymentId).headers(h -> h.setBearerAuth(token)).exchange(),
                status, null);
    }

    /**
     * The v1 error envelope exactly: status, error, code, details (with the field when one is at fault). Answers
     * the envelope, for a test to check its message.
     */
    private static JsonNode error(WebTestClient.ResponseSpec response, int status, String field) {
        JsonNode body = body(response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        assertThat(fieldNames(body)).containsExactly("status", "error", "code", "details");
        assertThat(body.path("status").asString()).isEqualTo("error");
        assertThat(body.path("error").asString()).isNotBlank();
        assertThat(body.path("code").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(body.path("details").path("field").asString()).isEqualTo(field);
        }
        return body;
    }

    private static JsonNode body(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    private static String intentOf(String clientSecret) {
        assertThat(clientSecret).startsWith("pi_").contains("_secret_");
        return clientSecret.substring(0, clientSecret.indexOf("_secret_"));
    }

    /** Confirms server-side as the buyer's page would with Stripe.js; a declined card is an answer, not an error. */
    private static void confirm(String intentId, String paymentMethod) throws Exception {
        try {
            stripeClient.v1().paymentIntents().confirm(intentId,
                    PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethod).build());
        }
        catch (CardException declined) {
            assertThat(paymentMethod).contains("Declined");
        }
    }

    private long processedEvents(String type, String intentId) {
        return db.sql("""
                select count(*) as n from stripe_events where type = :type and processed_at is not null
                and (payload -> 'data' -> 'object' ->> 'id' = :intent
                     or payload -> 'data' -> 'object' ->> 'payment_intent' = :intent)""")
                .bind("type", type).bind("intent", intentId)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
