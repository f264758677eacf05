package dev.ticketpay.ticket.reservation;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.ticketpay.contracts.CheckoutSessionCreated;
import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.PaymentFailed;
import dev.ticketpay.contracts.QrCodeIssued;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketEvent;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.support.Recorded;
import dev.ticketpay.ticket.TicketServiceIntegration;
import dev.ticketpay.web.ServiceClients;
import dev.ticketpay.web.SharedAnswer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/payments/create-payment-intent/} over HTTP, and verify when payment-service cannot be asked.
 * qr-service and payment-service do not run here: the test plays their part on Kafka where an answer needs them,
 * and otherwise checks what the purchase left in the database and on {@code tickets.v1}.
 */
@TestPropertySource(properties = {"ticketpay.reservation.answer-timeout=2s", "ticketpay.reservation.checkout-wait=2s"})
class PurchaseIntegrationTests extends TicketServiceIntegration {

    static final String PURCHASE = "/api/payments/create-payment-intent/";

    @Autowired DatabaseClient db;
    @Autowired ServiceClients serviceClients;

    /** payment-service is down in these tests: its address is a port nothing listens on. */
    @DynamicPropertySource
    static void paymentServiceDown(DynamicPropertyRegistry registry) throws IOException {
        try (var socket = new ServerSocket(0)) {
            int closed = socket.getLocalPort();
            registry.add("ticketpay.payments.url", () -> "http://localhost:" + closed);
        }
    }

    @Test
    void asksPaymentServiceOnConnectionsClosedOnceIdleForThirtySecondsAndReplacedAfterFiveMinutes() {
        assertThat(serviceClients.settings()).isEqualTo(new ServiceClients.Settings(Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(10)));
    }

    @BeforeEach
    void listenersAreListening() {
        // an event published before its listener has partitions could come after the 2 s answer timeout
        awaitListening("ticket-service.qr-codes", "ticket-service.payments");
    }

    @Test
    void answersAFreePurchaseWithTheQrCodeOnceIssued() {
        long eventId = createdEvent(50, 0);
        String buyer = "hanako-" + UUID.randomUUID();
        String png = "iVBORw0KGgo-" + UUID.randomUUID();
        CompletableFuture<TicketConfirmed> qrService = CompletableFuture.supplyAsync(() -> {
            TicketConfirmed confirmed = awaitConfirmationFor(eventId);
            publish("/qr-service", qrCodeIssued(confirmed, png));
            return confirmed;
        });

        var answer = purchase(buyer, Map.of("event_id", eventId, "quantity", 2))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        TicketConfirmed confirmed = qrService.join();
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("detail", "qr_code_data", "ticket_id",
                "ticket_code");
        assertThat(answer.get("detail").asString()).isEqualTo("Successfully purchased tickets");
        assertThat(answer.get("qr_code_data").asString()).isEqualTo(png);
        assertThat(answer.get("ticket_id").asLong()).isEqualTo(confirmed.ticketId());
        assertThat(answer.get("ticket_code").asString()).isEqualTo(confirmed.ticketCode());
        assertThat(available(eventId)).isEqualTo(48);
    }

    @Test
    void recordsAFreePurchaseAsPaidAndAnnouncesItWhileTheQrCodeIsLate() {
        long eventId = createdEvent(10, 0);
        String buyer = "kenji-" + UUID.randomUUID();

        purchase(buyer, Map.of("event_id", eventId, "quantity", 3))
                .expectStatus().isEqualTo(504)
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("is recorded").contains("QR code"));

        Map<String, Object> ticket = onlyTicketOf(eventId);
        long ticketId = (Long) ticket.get("id");
        assertThat(ticket.get("status")).isEqualTo("paid");
        assertThat(ticket.get("user_id")).isEqualTo(buyer);
        assertThat(ticket.get("quantity")).isEqualTo(3);
        assertThat(ticket.get("amount")).isEqualTo(0L);
        assertThat(ticket.get("qr_code_data")).isNull();
        assertThat(available(eventId)).isEqualTo(7);

        ConsumerRecord<String, byte[]> record;
        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            record = await().until(() -> recorded.forKey(ticketId), list -> !list.isEmpty()).getFirst();
        }
        assertThat(Recorded.header(record, "ce_type")).isEqualTo("ticketpay.ticket.confirmed.v1");
        assertThat(Recorded.header(record, "ce_source")).isEqualTo("/ticket-service");
        var confirmed = EventJson.read(record.value(), TicketConfirmed.class);
        assertThat(confirmed.ticketId()).isEqualTo(ticketId);
        assertThat(confirmed.orderId()).isEqualTo(ticket.get("order_id"));
        assertThat(confirmed.ticketCode()).isEqualTo(ticket.get("ticket_code").toString());
        assertThat(confirmed.eventId()).isEqualTo(eventId);
        assertThat(confirmed.userId()).isEqualTo(buyer);
        assertThat(confirmed.quantity()).isEqualTo(3);
        assertThat(confirmed.amount()).isZero();
        assertThat(confirmed.currency()).isEqualTo("jpy");
        assertThat(confirmed.confirmedAt()).isNotNull();

        publish("/qr-service", qrCodeIssued(confirmed, "iVBORw0KGgo-late"));

        await().until(() -> onlyTicketOf(eventId).get("qr_code_data"), "iVBORw0KGgo-late"::equals);
        assertThat(onlyTicketOf(eventId).get("qr_payload")).isEqualTo("TP1.claims.signature-" + ticketId);
    }

    @Test
    void rejectsPurchaseOfUnknownEvent() {
        purchase("ren", Map.of("event_id", Long.MAX_VALUE, "quantity", 1))
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Event " + Long.MAX_VALUE + " not found.");
    }

    @Test
    void rejectsPurchaseOfMoreTicketsThanAreLeft() {
        long eventId = createdEvent(2, 0);

        purchase("yuki", Map.of("event_id", eventId, "quantity", 3))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail")
                .isEqualTo("Not enough tickets available: requested 3, 2 left.");

        assertThat(available(eventId)).isEqualTo(2);
        assertThat(ticketsOf(eventId)).isZero();
    }

    @Test
    void marksARefusalFromTheSoldOutMemoryAsEveryBuyersForHalfASecondButNotOneReadFromTheDatabaseNorAKeyedOne() {
        long eventId = createdEvent(2, 0);
        var tooMany = Map.<String, Object>of("event_id", eventId, "quantity", 3);
        String refusal = "Not enough tickets available: requested 3, 2 left.";

        // the first refusal reads the seats left: they may have come back while it ran, so it holds for nobody else
        purchase("yuki", tooMany).expectStatus().isBadRequest()
                .expectHeader().doesNotExist(SharedAnswer.HEADER)
                .expectBody().jsonPath("$.detail").isEqualTo(refusal);
        // the next comes from memory: the gateway may give it to every buyer sending the same for 500 ms
        purchase("yuko", tooMany).expectStatus().isBadRequest()
                .expectHeader().valueEquals(SharedAnswer.HEADER, "500")
                .expectBody().jsonPath("$.detail").isEqualTo(refusal);
        // a keyed request always asks the database: its answer is its own
        purchase("yuna", "key-" + UUID.randomUUID(), tooMany).expectStatus().isBadRequest()
                .expectHeader().doesNotExist(SharedAnswer.HEADER)
                .expectBody().jsonPath("$.detail").isEqualTo(refusal);
    }

    @Test
    void sellsNoTicketOnceTheEventHasStarted() {
        Instant startedAt = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        long free = newShow("Opening Act", 5, 0, startedAt);
        long paid = newShow("Headliner", 5, 4500, startedAt);

        for (long eventId : new long[] {free, paid}) {
            purchase("noa", Map.of("event_id", eventId, "quantity", 1))
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail")
                    .isEqualTo("Ticket sales for event " + eventId + " closed when it started at " + startedAt + ".");
            assertThat(available(eventId)).isEqualTo(5);
            assertThat(ticketsOf(eventId)).isZero();
        }
    }

    @Test
    void answersAPaidPurchaseWithTheCheckoutSessionOnceCreated() {
        long eventId = createdEvent(5, 4500);
        CompletableFuture<TicketReserved> paymentService = checkoutOpenedByPaymentService(eventId);

        var answer = purchase("aiko", Map.of("event_id", eventId, "quantity", 2))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        TicketReserved reserved = paymentService.join();
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("checkout_url", "session_id", "ticket_id",
                "ticket_code");
        assertThat(answer.get("checkout_url").asString())
                .isEqualTo("https://checkout.stripe.com/c/pay/cs_test_" + reserved.ticketId());
        assertThat(answer.get("session_id").asString()).isEqualTo("cs_test_" + reserved.ticketId());
        assertThat(answer.get("ticket_id").asLong()).isEqualTo(reserved.ticketId());
        assertThat(answer.get("ticket_code").asString()).isEqualTo(reserved.ticketCode());
        assertThat(reserved.userId()).isEqualTo("aiko");
        assertThat(reserved.quantity()).isEqualTo(2);
        assertThat(reserved.amount()).isEqualTo(9000);
        assertThat(reserved.currency()).isEqualTo("jpy");
        assertThat(reserved.expiresAt()).isAfter(Instant.now());
        assertThat(available(eventId)).isEqualTo(3);
        assertThat(onlyTicketOf(eventId).get("status")).isEqualTo("reserved");
    }

    @Test
    void releasesTheSeatsOfAPaidPurchaseWhenCheckoutCannotStart() {
        long eventId = createdEvent(5, 4500);
        CompletableFuture<TicketReserved> paymentService = CompletableFuture.supplyAsync(() -> {
            TicketReserved reserved = awaitOnTickets("ticketpay.ticket.reserved.v1", TicketReserved.class, eventId);
            publish("/payment-service", new PaymentFailed(reserved.ticketId(), reserved.orderId(), null,
                    PaymentFailed.STRIPE_UNAVAILABLE, "Stripe could not be reached.", true, Instant.now()));
            return reserved;
        });

        purchase("ren", Map.of("event_id", eventId, "quantity", 2))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("Payment could not be started"));

        paymentService.join();
        assertThat(available(eventId)).isEqualTo(5);
        assertThat(onlyTicketOf(eventId).get("status")).isNotEqualTo("reserved");
    }

    @Test
    void keepsAPaidReservationWhileTheCheckoutSessionIsQueuedAndSaysWhenToTryAgain() {
        long eventId = createdEvent(5, 4500);

        String key = UUID.randomUUID().toString();
        purchase("sora", key, Map.of("event_id", eventId, "quantity", 1))
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("seats are held").contains("checkout is still queued")
                                .contains("Try again in 5 seconds with the same Idempotency-Key"));

        Map<String, Object> ticket = onlyTicketOf(eventId);
        assertThat(ticket.get("status")).isEqualTo("reserved");
        assertThat(ticket.get("amount")).isEqualTo(4500L);
        assertThat(ticket.get("expires_at")).isNotNull();
        assertThat(available(eventId)).isEqualTo(4);
        TicketReserved reserved = awaitOnTickets("ticketpay.ticket.reserved.v1", TicketReserved.class, eventId);

        // its turn at Stripe comes: the retry with the same key answers this reservation's checkout, no new seats
        publish("/payment-service", checkoutSessionCreated(reserved));
        purchase("sora", key, Map.of("event_id", eventId, "quantity", 1))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.session_id").isEqualTo("cs_test_" + reserved.ticketId())
                .jsonPath("$.ticket_id").isEqualTo(reserved.ticketId());
        assertThat(available(eventId)).isEqualTo(4);
    }

    @Test
    void verifyAnswers503WhenPaymentServiceCannotBeAsked() {
        long eventId = createdEvent(5, 4500);
        CompletableFuture<TicketReserved> paymentService = checkoutOpenedByPaymentService(eventId);
        purchase("mio", Map.of("event_id", eventId, "quantity", 1)).expectStatus().isOk();
        TicketReserved reserved = paymentService.join();

        // back from Stripe before the webhook: the reconciliation call finds payment-service down
        var answer = client.post().uri("/api/payments/verify/").headers(h -> h.setBearerAuth(token("mio")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("session_id", "cs_test_" + reserved.ticketId(), "ticket_id", reserved.ticketId()))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(answer.propertyNames()).containsExactly("detail");
        assertThat(answer.get("detail").asString())
                .isEqualTo("The payment could not be verified right now; try again shortly.");
        assertThat(onlyTicketOf(eventId).get("status")).isEqualTo("reserved");
        assertThat(available(eventId)).isEqualTo(4);
    }

    @Test
    void listsTheCallersOwnTicketsNewestFirst() {
        long eventId = createdEvent(10, 4500);
        String buyer = "mei-" + UUID.randomUUID();
        // reservations whose checkout is still queued (no payment-service here): answered 503, the tickets held
        purchase(buyer, Map.of("event_id", eventId, "quantity", 1)).expectStatus().isEqualTo(503);
        purchase("someone-else-" + UUID.randomUUID(), Map.of("event_id", eventId, "quantity", 1))
                .expectStatus().isEqualTo(503);
        purchase(buyer, Map.of("event_id", eventId, "quantity", 2)).expectStatus().isEqualTo(503);

        JsonNode mine = client.get().uri("/api/tickets").headers(h -> h.setBearerAuth(token(buyer))).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        var stored = db.sql("select id, order_id::text as order_id, ticket_code::text as code from tickets"
                        + " where user_id = :user order by id desc").bind("user", buyer).fetch().all()
                .collectList().block(Duration.ofSeconds(5));
        assertThat(mine).hasSize(2);
        for (int i = 0; i < 2; i++) {
            var ticket = mine.get(i);
            assertThat(ticket.propertyNames()).containsExactlyInAnyOrder("ticket_id", "order_id", "event_id",
                    "event_name", "quantity", "amount", "currency", "status", "ticket_code", "expires_at", "payment");
            assertThat(ticket.get("ticket_id").asLong()).isEqualTo(((Number) stored.get(i).get("id")).longValue());
            assertThat(ticket.get("order_id").asString()).isEqualTo(stored.get(i).get("order_id"));
            assertThat(ticket.get("ticket_code").asString()).isEqualTo(stored.get(i).get("code"));
            assertThat(ticket.get("event_id").asLong()).isEqualTo(eventId);
            assertThat(ticket.get("status").asString()).isEqualTo("reserved");
            assertThat(ticket.get("expires_at").isNull()).as("a held reservation says until when").isFalse();
            assertThat(ticket.get("payment").asString()).isEqualTo("checkout");
        }
        assertThat(List.of(mine.get(0).get("quantity").asInt(), mine.get(1).get("quantity").asInt()))
                .as("the newest first").containsExactly(2, 1);
        assertThat(mine.get(0).get("amount").asLong()).isEqualTo(9000);
    }

    @Test
    void myTicketsSayWhetherEachIsPaidThroughCheckoutOrByItsOrdersPaymentIntent() {
        long eventId = createdEvent(5, 4500);
        String buyer = "chiyo-" + UUID.randomUUID();
        purchase(buyer, Map.of("event_id", eventId, "quantity", 1)).expectStatus().isEqualTo(503);
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token(buyer)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 2))
                .exchange().expectStatus().isCreated();

        JsonNode mine = client.get().uri("/api/tickets").headers(h -> h.setBearerAuth(token(buyer))).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(List.of(mine.get(0).get("payment").asString(), mine.get(1).get("payment").asString()))
                .containsExactly("payment_intent", "checkout");
    }

    @Test
    void getMyTicketsWhenNoTokenShouldBeUnauthorized() {
        client.get().uri("/api/tickets").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").exists();
    }

    @ParameterizedTest(name = "rejects a purchase of {1} of {0} seats, taking none")
    @CsvSource({"5, 0", "50, 11"})
    void rejectsAQuantityOutsideOneToTheMaximum(int capacity, int quantity) {
        long eventId = createdEvent(capacity, 0);

        purchase("daichi", Map.of("event_id", eventId, "quantity", quantity))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("quantity must be between 1 and 10.");
        assertThat(available(eventId)).isEqualTo(capacity);
    }

    @Test
    void rejectsPurchaseWithoutQuantity() {
        long eventId = createdEvent(5, 0);

        purchase("sora", Map.of("event_id", eventId))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("quantity is required.");
    }

    @Test
    void rejectsPurchaseWithNonNumericEventId() {
        purchase("sora", Map.of("event_id", "fifteen", "quantity", 1))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid value for event_id.");
    }

    @Test
    void rejectsPurchaseWithAQuantityTooLargeForAnyNumberNamingTheField() {
        long eventId = createdEvent(5, 0);

        client.post().uri(PURCHASE).headers(h -> h.setBearerAuth(token("sora")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"event_id\": " + eventId + ", \"quantity\": 99999999999999999999}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid value for quantity.");
        assertThat(available(eventId)).isEqualTo(5);
    }

    @Test
    void rejectsPurchaseWithoutBody() {
        client.post().uri(PURCHASE).headers(h -> h.setBearerAuth(token("sora")))
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void purchaseWhenNoTokenShouldBeUnauthorized() {
        long eventId = createdEvent(5, 0);

        expectUnauthorized(client.post().uri(PURCHASE).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange());
        assertThat(available(eventId)).isEqualTo(5);
    }

    private WebTestClient.ResponseSpec purchase(String user, Map<String, Object> body) {
        return purchase(user, null, body);
    }

    private WebTestClient.ResponseSpec purchase(String user, String idempotencyKey, Map<String, Object> body) {
        return client.post().uri(PURCHASE).headers(h -> h.setBearerAuth(token(user)))
                .headers(h -> {
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** Plays payment-service: once a ticket of the event is reserved, its Checkout Session is created. */
    private CompletableFuture<TicketReserved> checkoutOpenedByPaymentService(long eventId) {
        return CompletableFuture.supplyAsync(() -> {
            TicketReserved reserved = awaitOnTickets("ticketpay.ticket.reserved.v1", TicketReserved.class, eventId);
            publish("/payment-service", checkoutSessionCreated(reserved));
            return reserved;
        });
    }

    /** What payment-service publishes once Stripe has opened the reservation's session {@code cs_test_<ticket>}. */
    private static CheckoutSessionCreated checkoutSessionCreated(TicketReserved reserved) {
        return new CheckoutSessionCreated(reserved.ticketId(), reserved.orderId(), "cs_test_" + reserved.ticketId(),
                "https://checkout.stripe.com/c/pay/cs_test_" + reserved.ticketId(), reserved.expiresAt());
    }

    /** What a subscriber of tickets.v1 sees: the first event of this type for a ticket of the event. */
    private static <T extends TicketEvent> T awaitOnTickets(String type, Class<T> javaType, long eventId) {
        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            var record = await().until(() -> recorded.matching(r -> type.equals(Recorded.header(r, "ce_type"))
                    && eventIdOf(EventJson.read(r.value(), javaType)) == eventId), list -> !list.isEmpty()).getFirst();
            return EventJson.read(record.value(), javaType);
        }
    }

    private static long eventIdOf(TicketEvent event) {
        return switch (event) {
            case TicketConfirmed confirmed -> confirmed.eventId();
            case TicketReserved reserved -> reserved.eventId();
            default -> throw new IllegalArgumentException("no event id in " + event);
        };
    }

    private static TicketConfirmed awaitConfirmationFor(long eventId) {
        return awaitOnTickets("ticketpay.ticket.confirmed.v1", TicketConfirmed.class, eventId);
    }

    /** What qr-service would publish for the ticket. */
    private static QrCodeIssued qrCodeIssued(TicketConfirmed ticket, String png) {
        return new QrCodeIssued(ticket.ticketId(), ticket.ticketCode(), ticket.eventId(),
                "TP1.claims.signature-" + ticket.ticketId(), png, Instant.now());
    }

    private long createdEvent(int capacity, long price) {
        return newShow("Hanami Picnic", capacity, price);
    }

    private int available(long eventId) {
        return client.get().uri("/api/events/{id}", eventId).headers(h -> h.setBearerAuth(token("reader")))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("available").asInt();
    }

    private long ticketsOf(long eventId) {
        return db.sql("select count(*) as n from tickets where event_id = :eventId").bind("eventId", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private Map<String, Object> onlyTicketOf(long eventId) {
        return db.sql("select * from tickets where event_id = :eventId").bind("eventId", eventId)
                .fetch().one().block(Duration.ofSeconds(5));
    }

}
