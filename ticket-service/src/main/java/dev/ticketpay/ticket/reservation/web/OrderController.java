package dev.ticketpay.ticket.reservation.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.web.ApiException;
import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.reservation.Purchases;
import dev.ticketpay.ticket.reservation.Ticket;
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

    @Operation(summary = "Place an order", description = "Reserves the seats; pay with POST /api/v1/payments/intent")
    @ApiResponse(responseCode = "201", description = "Order placed", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PurchaseAnswers.OrderAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Bad event_id or quantity, or not enough tickets available")
    @ApiResponse(responseCode = "404", description = "Event not found")
    @PostMapping({"/api/v1/orders", "/api/v1/orders/"})
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> place(@AuthenticationPrincipal Jwt user,
            @RequestBody(required = false) PurchaseRequest request) {
        if (request == null) {
            return Mono.error(new InvalidRequest("event_id", "A JSON body with event_id and quantity is required."));
        }
        var order = new Purchases.Order(user.getSubject(), user.getClaimAsString("email"), request.eventId(),
                request.quantity(), TicketReserved.PAYMENT_INTENT);
        return purchases.place(order).map(ticket -> success(order(ticket)));
    }

    @Operation(summary = "Get an order", description = "With its QR code once confirmed")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PurchaseAnswers.OrderAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Invalid order ID format")
    @ApiResponse(responseCode = "403", description = "Order does not belong to user")
    @ApiResponse(responseCode = "404", description = "Order not found")
    @GetMapping("/api/v1/orders/{orderId}")
    Mono<Map<String, Object>> one(@AuthenticationPrincipal Jwt user, @PathVariable String orderId) {
        return owned(user, orderId).map(ticket -> {
            var body = order(ticket);
            body.put("event_id", ticket.eventId());
            body.put("quantity", ticket.quantity());
            body.put("qr_code_data", ticket.qrCodeData());
            return success(body);
        });
    }

    /**
     * For payment-service when a PaymentIntent is asked for before it consumed the order's TicketReserved.
     * Never routed by the gateway; the caller relays the buyer's token.
     */
    @GetMapping("/internal/orders/{orderId}")
    Mono<Map<String, Object>> internal(@AuthenticationPrincipal Jwt user, @PathVariable String orderId) {
        return owned(user, orderId).map(ticket -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("order_id", ticket.orderId());
            body.put("ticket_id", ticket.id());
            body.put("user_id", ticket.userId());
            body.put("email", ticket.email());
            body.put("event_name", ticket.eventName());
            body.put("quantity", ticket.quantity());
            body.put("amount", ticket.amount());
            body.put("currency", ticket.currency());
            body.put("status", ticket.status().value());
            body.put("expires_at", ticket.expiresAt());
            body.put("channel", ticket.channel());
            return body;
        });
    }

    private Mono<Ticket> owned(Jwt user, String orderId) {
        UUID id;
        try {
            id = UUID.fromString(orderId);
        }
        catch (IllegalArgumentException e) {
            return Mono.error(new InvalidRequest("order_id", "order_id must be a UUID."));
        }
        boolean admin = user.getClaimAsStringList("roles") != null && user.getClaimAsStringList("roles").contains("admin");
        return tickets.byOrderId(id)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "Order not found.", "order_id")))
                .flatMap(ticket -> ticket.isOwnedBy(user.getSubject()) || admin ? Mono.just(ticket)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "Order does not belong to user.")));
    }

    private static LinkedHashMap<String, Object> order(Ticket ticket) {
        var body = new LinkedHashMap<String, Object>();
        body.put("order_id", ticket.orderId());
        body.put("ticket_id", ticket.id());
        body.put("ticket_code", ticket.code().toString());
        body.put("amount", ticket.amount());
        body.put("currency", ticket.currency());
        body.put("status", orderStatus(ticket));
        body.put("expires_at", ticket.expiresAt());
        return body;
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

    private static Map<String, Object> success(Map<String, Object> data) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "success");
        body.put("data", data);
        return body;
    }
}
