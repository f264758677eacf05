package dev.ticketpay.ticket.reservation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketpay.contracts.EventJson;
import dev.ticketpay.contracts.PaymentDisputeClosed;
import dev.ticketpay.contracts.PaymentDisputed;
import dev.ticketpay.contracts.PaymentSucceeded;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.contracts.Topics;
import dev.ticketpay.support.Recorded;
import dev.ticketpay.ticket.TicketServiceIntegration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders of the payments API v1: reserve without waiting, the v1 envelopes, owner-only reads. */
@ExtendWith(OutputCaptureExtension.class)
class OrderIntegrationTests extends TicketServiceIntegration {

    @Test
    void placesAPendingOrderAndAnnouncesItForAPaymentIntent() {
        long eventId = newShow("Order test", 10, 4500);
        String token = token("yui");
        var data = client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 2))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.status").isEqualTo("success")
                .jsonPath("$.data.status").isEqualTo("pending")
                .jsonPath("$.data.amount").isEqualTo(9000)
                .jsonPath("$.data.currency").isEqualTo("jpy")
                .jsonPath("$.data.ticket_code").isNotEmpty()
                .jsonPath("$.data.expires_at").isNotEmpty()
                .returnResult().getResponseBody();
        var order = EventJson.mapper().readTree(data).get("data");
        UUID orderId = UUID.fromString(order.get("order_id").asString());
        long ticketId = order.get("ticket_id").asLong();

        try (var recorded = new Recorded(infrastructure.kafka().bootstrapServers(), Topics.TICKETS)) {
            var reserved = await().until(() -> recorded.forKey(ticketId), list -> !list.isEmpty()).getFirst();
            var event = EventJson.read(reserved.value(), TicketReserved.class);
            assertThat(event.orderId()).isEqualTo(orderId);
            assertThat(event.channel()).isEqualTo(TicketReserved.PAYMENT_INTENT);
            assertThat(event.paysByCheckout()).isFalse();
        }
        client.get().uri("/api/v1/orders/" + orderId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.order_id").isEqualTo(orderId.toString())
                .jsonPath("$.data.status").isEqualTo("pending");
        client.get().uri("/internal/orders/" + orderId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.user_id").isEqualTo("yui")
                .jsonPath("$.status").isEqualTo("reserved")
                .jsonPath("$.channel").isEqualTo("payment_intent");
    }

    @Test
    void answersEachOrderWithItsFieldsInTheirOrderNullsIncluded() {
        long eventId = newShow("Order test", 10, 4500);
        String token = token("aoi");
        var placed = placeOrder(token, eventId, 2);
        assertThat(placed.propertyNames()).containsExactly("order_id", "ticket_id", "ticket_code", "amount",
                "currency", "status", "expires_at");

        var read = EventJson.mapper().readTree(client.get().uri("/api/v1/orders/" + placed.get("order_id").asString())
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody());
        assertThat(read.propertyNames()).containsExactly("status", "data");
        assertThat(read.get("data").propertyNames()).containsExactly("order_id", "ticket_id", "ticket_code",
                "amount", "currency", "status", "expires_at", "event_id", "quantity", "qr_code_data");
        assertThat(read.get("data").get("qr_code_data").isNull()).as("no QR code yet, and said so").isTrue();

        var internal = EventJson.mapper().readTree(client.get().uri("/internal/orders/" + placed.get("order_id")
                .asString()).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody()
                .returnResult().getResponseBody());
        assertThat(internal.propertyNames()).containsExactly("order_id", "ticket_id", "user_id", "email",
                "event_name", "quantity", "amount", "currency", "status", "expires_at", "channel");
    }

    @Test
    void confirmsAFreeOrderAtOnce() {
        long eventId = newShow("Order test", 5, 0);
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token("rin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.data.status").isEqualTo("confirmed").jsonPath("$.data.amount").isEqualTo(0);
    }

    @Test
    void anEventThatHasStartedTakesNoOrder() {
        long eventId = newShow("Started", 3, 1000, Instant.now().minus(Duration.ofMinutes(1)));
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token("riku")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.status").isEqualTo("error").jsonPath("$.code").isEqualTo(400)
                .jsonPath("$.error").value(error -> assertThat((String) error)
                        .startsWith("Ticket sales for event " + eventId + " closed"));
        assertThat(shows.byId(eventId).block().available()).isEqualTo(3);
    }

    @Test
    void answersEveryFailureInTheV1Envelope() {
        long eventId = newShow("Order test", 1, 1000);
        String token = token("sora");
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 0))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.status").isEqualTo("error").jsonPath("$.code").isEqualTo(400)
                .jsonPath("$.details.field").isEqualTo("quantity");
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"event_id\": \"abc\", \"quantity\": 1}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("event_id");
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.status").isEqualTo("error");
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", 987_654_321, "quantity", 1))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo(404);
        client.post().uri("/api/v1/orders")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo(401);
        client.get().uri("/api/v1/orders/not-a-uuid").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("order_id");
        client.get().uri("/api/v1/orders/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.status").isEqualTo("error");

        var placed = EventJson.mapper().readTree(client.post().uri("/api/v1/orders")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String orderId = placed.get("data").get("order_id").asString();
        client.get().uri("/api/v1/orders/" + orderId).headers(h -> h.setBearerAuth(token("mallory"))).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo(403);
        client.get().uri("/internal/orders/" + orderId).headers(h -> h.setBearerAuth(token("mallory"))).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/internal/orders/" + orderId)
                .headers(h -> h.setBearerAuth(infrastructure.tokens().mint("ops", List.of("admin"), null)))
                .exchange().expectStatus().isOk();
        client.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("event_id", eventId, "quantity", 1))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("Not enough"));
    }

    @Test
    void aDisputedOrderAdmitsNobodyKeepsItsSeatsAndIsRefundedWithItsSeatsBackWhenLost() {
        awaitListening("ticket-service.payments");
        long eventId = newShow("Order test", 5, 3000);
        String token = token("ren");
        var order = paidOrder(eventId, token);

        publish("/payment-service", new PaymentDisputed(order.ticketId(), order.orderId(), "dp_1",
                "pi_1", 6000, "jpy", "fraudulent", Instant.now()));
        await().until(() -> orderStatus(order.orderId(), token), "disputed"::equals);
        assertThat(shows.byId(eventId).block().available()).isEqualTo(3);

        publish("/payment-service", new PaymentDisputeClosed(order.ticketId(), order.orderId(), "dp_1",
                PaymentDisputeClosed.LOST, 6000, "jpy", Instant.now()));
        await().until(() -> orderStatus(order.orderId(), token), "refunded"::equals);
        await().until(() -> shows.byId(eventId).block().available() == 5);
    }

    @Test
    void aDisputeWonMakesTheOrderConfirmedAgain() {
        awaitListening("ticket-service.payments");
        String token = token("sora");
        var order = paidOrder(newShow("Order test", 5, 3000), token);

        publish("/payment-service", new PaymentDisputed(order.ticketId(), order.orderId(), "dp_2",
                "pi_2", 6000, "jpy", "fraudulent", Instant.now()));
        await().until(() -> orderStatus(order.orderId(), token), "disputed"::equals);
        publish("/payment-service", new PaymentDisputeClosed(order.ticketId(), order.orderId(), "dp_2",
                PaymentDisputeClosed.WON, 6000, "jpy", Instant.now()));

        await().until(() -> orderStatus(order.orderId(), token), "confirmed"::equals);
    }

    /**
     * A second payment of a paid ticket changes nothing, and says so in the trace of the event that brought it: the
     * service runs without Reactor's automatic context propagation, so the line, written on the database driver's
     * thread, restores the consumed event's trace itself ({@code InTrace}).
     */
    @Test
    void aSecondPaymentOfAPaidOrderChangesNothingAndItsLineNamesTheEventsTrace(CapturedOutput output) {
        String token = token("order-twice-paid");
        var order = paidOrder(newShow("Order test", 5, 3000), token);
        String trace = UUID.randomUUID().toString().replace("-", "");

        var again = cloudEvent("/payment-service", new PaymentSucceeded(order.ticketId(), order.orderId(),
                "pi_again_" + order.ticketId(), "pi_again_" + order.ticketId(), 6000, "jpy", Instant.now()));
        again.headers().add("traceparent", ("00-" + trace + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8));
        kafka.send(again).join();

        String line = "Ticket " + order.ticketId() + " is already paid; payment pi_again_" + order.ticketId()
                + " changes nothing";
        await().until(() -> output.getOut().contains(line));
        assertThat(output.getOut().lines().filter(text -> text.contains(line))).singleElement().asString()
                .contains(trace);
        assertThat(orderStatus(order.orderId(), token)).isEqualTo("confirmed");
    }

    private record PlacedOrder(UUID orderId, long ticketId) {
    }

    /** Two seats ordered through the v1 API, then paid as payment-service announces it. */
    private PlacedOrder paidOrder(long eventId, String token) {
        var data = placeOrder(token, eventId, 2);
        var order = new PlacedOrder(UUID.fromString(data.get("order_id").asString()), data.get("ticket_id").asLong());
        publish("/payment-service", new PaymentSucceeded(order.ticketId(), order.orderId(), "pi_" + order.ticketId(),
                "pi_" + order.ticketId(), 6000, "jpy", Instant.now()));
        await().until(() -> orderStatus(order.orderId(), token), "confirmed"::equals);
        return order;
    }

    private String orderStatus(UUID orderId, String token) {
        return EventJson.mapper().readTree(client.get().uri("/api/v1/orders/" + orderId)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody()
                .returnResult().getResponseBody()).path("data").path("status").asString();
    }
}
