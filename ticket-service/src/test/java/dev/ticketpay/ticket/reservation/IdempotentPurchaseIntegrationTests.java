package dev.ticketpay.ticket.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketpay.support.DevInfrastructure;
import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.TicketServiceIntegration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** An Idempotency-Key makes a retried purchase answer for the first ticket and take no more seats. */
@TestPropertySource(properties = {"ticketpay.reservation.answer-timeout=1s", "ticketpay.reservation.checkout-wait=1s"})
class IdempotentPurchaseIntegrationTests extends TicketServiceIntegration {

    static final String ORDERS = "/api/v1/orders";

    @Autowired Purchases purchases;

    @Test
    void concurrentRetriesWithOneKeyReserveOnce() {
        long eventId = newPaidEvent(10);
        var order = new Purchases.Order("kim", null, eventId, 2);
        String key = UUID.randomUUID().toString();

        var ids = Flux.range(0, 8).flatMap(i -> purchases.place(order, key), 8).map(Ticket::id).collectList().block();

        assertThat(ids).hasSize(8).containsOnly(ids.getFirst());
        assertThat(shows.byId(eventId).block().available()).isEqualTo(8);
    }

    @Test
    void refusesTheSameKeyForAnotherRequestAndWritesNothing() {
        long eventId = newPaidEvent(10);
        String key = UUID.randomUUID().toString();
        purchases.place(new Purchases.Order("lee", null, eventId, 1), key).block();

        StepVerifier.create(purchases.place(new Purchases.Order("lee", null, eventId, 3), key))
                .expectError(InvalidRequest.class).verify();
        assertThat(shows.byId(eventId).block().available()).isEqualTo(9);
    }

    @Test
    void theSameKeyOfAnotherUserIsAnotherPurchase() {
        long eventId = newPaidEvent(10);
        String key = UUID.randomUUID().toString();
        var first = purchases.place(new Purchases.Order("max", null, eventId, 1), key).block();
        var other = purchases.place(new Purchases.Order("noa", null, eventId, 1), key).block();

        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(shows.byId(eventId).block().available()).isEqualTo(8);
    }

    @Test
    void readsTheKeyFromTheIdempotencyKeyHeader() {
        long eventId = newPaidEvent(10);
        String token = buyer("ola");
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            // no payment-service here: the checkout stays queued (503, seats held), but the reservation is what counts
            keyed("/api/payments/create-payment-intent/", token, key, eventId, 2).expectStatus().isEqualTo(503);
        }
        assertThat(shows.byId(eventId).block().available()).isEqualTo(8);
    }

    @Test
    void anOrderOfThePaymentsApiV1ReadsTheKeyTooAndRefusesItForAnotherOrder() {
        long eventId = newPaidEvent(10);
        String token = buyer("pam");
        String key = UUID.randomUUID().toString();
        var orderIds = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            orderIds.add(keyed(ORDERS, token, key, eventId, 2).expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody()
                    .at("/data/order_id").asString());
        }
        assertThat(orderIds.getFirst()).isNotBlank();
        assertThat(orderIds).containsOnly(orderIds.getFirst());
        assertThat(shows.byId(eventId).block().available()).isEqualTo(8);

        keyed(ORDERS, token, key, eventId, 3).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.status").isEqualTo("error")
                .jsonPath("$.code").isEqualTo(400)
                .jsonPath("$.error").value(error -> assertThat((String) error).contains("Idempotency-Key"));
        assertThat(shows.byId(eventId).block().available()).isEqualTo(8);
    }

    /** A buyer's access token. */
    private static String buyer(String user) {
        return DevInfrastructure.shared().tokens().mint(user, List.of("user"), null);
    }

    /** A purchase of {@code quantity} seats through {@code path}, as the buyer of {@code token}, with that key. */
    private WebTestClient.ResponseSpec keyed(String path, String token, String key, long eventId, int quantity) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("event_id", eventId, "quantity", quantity))
                .exchange();
    }

    private long newPaidEvent(int capacity) {
        return newShow("Recital", capacity, 2500);
    }
}
