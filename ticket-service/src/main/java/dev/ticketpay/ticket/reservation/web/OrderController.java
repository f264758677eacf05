package dev.ticketpay.ticket.reservation.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.web.ApiException;
import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.reservation.Purchases;
import dev.ticketpay.ticket.reservation.Ticket;
import dev.ticketpay.ticket.reservation.Ticket.Purchase;
import dev.ticketpay.ticket.reservation.Tickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders of the payments API v1. An order is a reservation: the same seats, ticket and saga as the classic
 * API, but paid with a PaymentIntent the client asks payment-service for, so the answer does not wait.
 * A free order is confirmed at once and its QR code follows.
 */
@RestController
@Tag(name = "Payments API v1", description = "Seed 004: orders, PaymentIntents, the Stripe webhook, payments")
class OrderController {

    private final Purchases purchases;
    private final Tickets tickets;

    OrderController(Purchases purchases, Tickets tickets) {
        this.purchases = purchases;
        this.tickets = tickets;
    }

    @Operation(summary = "Place an order", description = "Reserves the seats; pay with POST /api/v1/payments/intent. "
            + "With an Idempotency-Key, a repeated request (same user, key and body) answers the first order and takes "
            + "no more seats")
    @ApiResponse(responseCode = "201", description = "Order placed", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PurchaseAnswers.OrderAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Bad event_id or quantity, not enough tickets available, "
            + "the event has started, or the Idempotency-Key was used for another request")
    @ApiResponse(responseCode = "404", description = "Event not found")
    @PostMapping({"/api/v1/orders", "/api/v1/orders/"})
    @ResponseStatus(HttpStatus.CREATED)
    Mono<V1Answer<PlacedOrder>> place(@AuthenticationPrincipal Jwt user,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) PurchaseRequest request) {
        if (request == null) {
            return Mono.error(new InvalidRequest("event_id", "A JSON body with event_id and quantity is required."));
        }
        return purchases.place(request.orderBy(user, TicketReserved.PAYMENT_INTENT), idempotencyKey)
                .map(ticket -> V1Answer.success(PlacedOrder.of(ticket)));
    }

    @Operation(summary = "Get an order", description = "With its QR code once confirmed")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PurchaseAnswers.OrderAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Invalid order ID format")
    @ApiResponse(responseCode = "403", description = "Order does not belong to user")
    @ApiResponse(responseCode = "404", description = "Order not found")
    @GetMapping("/api/v1/orders/{orderId}")
    Mono<V1Answer<OrderDetails>> one(@AuthenticationPrincipal Jwt user, @PathVariable String orderId) {
        return owned(user, orderId).map(ticket -> V1Answer.success(OrderDetails.of(ticket)));
    }

    /**
     * For payment-service when a PaymentIntent is asked for before it consumed the order's TicketReserved.
     * Never routed by the gateway; the caller relays the buyer's token.
     */
    @GetMapping("/internal/orders/{orderId}")
    Mono<InternalOrder> internal(@AuthenticationPrincipal Jwt user, @PathVariable String orderId) {
        return owned(user, orderId).map(InternalOrder::of);
    }

    private Mono<Ticket> owned(Jwt user, String orderId) {
        UUID id;
        try {
            id = UUID.fromString(orderId);
        }
        catch (IllegalArgumentException e) {
            return Mono.error(new InvalidRequest("order_id", "order_id must be a UUID."));
        }
        var roles = user.getClaimAsStringList("roles");
        boolean admin = roles != null && roles.contains("admin");
        return tickets.byOrderId(id)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "Order not found.", "order_id")))
                .flatMap(ticket -> ticket.isOwnedBy(user.getSubject()) || admin ? Mono.just(ticket)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "Order does not belong to user.")));
    }

    /**
     * Order statuses: pending (awaiting payment), confirmed (paid or free), cancelled, expired, refunded, and
     * disputed (the buyer's bank disputes the payment; the ticket admits nobody until the dispute is closed).
     */
    private static String orderStatus(Ticket ticket) {
        return switch (ticket.status()) {
            case RESERVED -> "pending";
            case PAID -> "confirmed";
            case CANCELLED -> "cancelled";
            case EXPIRED -> "expired";
            case REFUNDED -> "refunded";
            case DISPUTED -> "disputed";
        };
    }

    /** The v1 success envelope: {@code {"status": "success", "data": ...}}. */
    record V1Answer<T>(String status, T data) {

        static <T> V1Answer<T> success(T data) {
            return new V1Answer<>("success", data);
        }
    }

    /** An order as placing it answers (documented as {@link PurchaseAnswers.Order}). */
    record PlacedOrder(UUID orderId, long ticketId, String ticketCode, long amount, String currency, String status,
            Instant expiresAt) {

        static PlacedOrder of(Ticket ticket) {
            return new PlacedOrder(ticket.purchase().orderId(), ticket.id(), ticket.code().toString(),
                    ticket.purchase().amount(), ticket.purchase().currency(), orderStatus(ticket), ticket.expiresAt());
        }
    }

    /** An order as reading it answers: the placed order's fields, then its show, seats and QR code (null before). */
    record OrderDetails(@JsonUnwrapped PlacedOrder order, long eventId, int quantity, String qrCodeData) {

        static OrderDetails of(Ticket ticket) {
            return new OrderDetails(PlacedOrder.of(ticket), ticket.purchase().eventId(), ticket.purchase().quantity(),
                    ticket.hasQrCode() ? ticket.qrCode().pngBase64() : null);
        }
    }

    /** What payment-service needs of an order to open its PaymentIntent; every field is sent, null or not. */
    record InternalOrder(UUID orderId, long ticketId, String userId, String email, String eventName, int quantity,
            long amount, String currency, String status, Instant expiresAt, String channel) {

        static InternalOrder of(Ticket ticket) {
            Purchase purchase = ticket.purchase();
            return new InternalOrder(purchase.orderId(), ticket.id(), purchase.userId(), purchase.email(),
                    purchase.eventName(), purchase.quantity(), purchase.amount(), purchase.currency(),
                    ticket.status().value(), ticket.expiresAt(), purchase.channel());
        }
    }
}
