package dev.ticketpay.payment.intent;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.observability.InTrace;
import dev.ticketpay.web.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks ticket-service for an order ({@code GET /internal/orders/{order_id}}) with the caller's own token, for an
 * intent request that came before the order's TicketReserved: ticket-service itself then says 404 (unknown) or
 * 403 (not the caller's), and those answers are passed on as they are.
 */
@Component
class TicketServiceOrders {

    private static final Logger log = LoggerFactory.getLogger(TicketServiceOrders.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient http;
    private final TicketServiceSettings settings;

    TicketServiceOrders(TicketServiceSettings settings, ServiceClients clients) {
        this.settings = settings;
        this.http = clients.builder().baseUrl(settings.url()).build();
    }

    Mono<Order> fetch(UUID orderId, String bearerToken) {
        return http.get().uri("/internal/orders/{orderId}", orderId)
                .headers(headers -> headers.setBearerAuth(bearerToken))
                .exchangeToMono(response -> switch (response.statusCode().value()) {
                    case 200 -> response.bodyToMono(String.class).map(body -> order(JSON.readTree(body)));
                    case 404 -> response.releaseBody().then(Mono.error(new OrderNotFound(orderId)));
                    case 403 -> response.releaseBody().then(Mono.error(NotYours.order()));
                    default -> response.releaseBody().then(Mono.error(unavailable(response.statusCode())));
                })
                .timeout(settings.timeout())
                .onErrorResume(TicketServiceOrders::lookupFailed, e -> InTrace.<Order>run(() -> log.warn(
                        "Could not look order {} up at ticket-service: {}", orderId, e.toString()))
                        .then(Mono.error(new OrdersUnreachable())));
    }

    /** The lookup itself failed, as opposed to ticket-service answering that the order is unknown or not theirs. */
    private static boolean lookupFailed(Throwable e) {
        return !(e instanceof OrderNotFound || e instanceof NotYours);
    }

    private static RuntimeException unavailable(HttpStatusCode status) {
        return new IllegalStateException("ticket-service answered " + status.value());
    }

    private static Order order(JsonNode order) {
        String expiresAt = order.path("expires_at").asString(null);
        return new Order(UUID.fromString(order.path("order_id").asString()), order.path("ticket_id").asLong(),
                order.path("user_id").asString(), order.path("email").asString(null), order.path("amount").asLong(),
                order.path("currency").asString(), expiresAt == null ? null : Instant.parse(expiresAt),
                order.path("status").asString(), order.path("channel").asString(null));
    }
}
