package dev.ticketpay.ticket.reservation.web;

import dev.ticketpay.ticket.InvalidRequest;
import dev.ticketpay.ticket.reservation.Purchases;

import org.springframework.security.oauth2.jwt.Jwt;

/** {@code {"event_id", "quantity"}}; any amount the client sends is ignored, the backend prices the order. */
record PurchaseRequest(Long eventId, Integer quantity) {

    PurchaseRequest {
        if (eventId == null) {
            throw new InvalidRequest("event_id", "event_id is required.");
        }
        if (eventId < 1) {
            throw new InvalidRequest("event_id", "event_id must be a positive integer.");
        }
        if (quantity == null) {
            throw new InvalidRequest("quantity", "quantity is required.");
        }
    }

    /** The purchase the signed-in {@code buyer} asks for, paid through {@code channel}. */
    Purchases.Order orderBy(Jwt buyer, String channel) {
        return new Purchases.Order(buyer.getSubject(), buyer.getClaimAsString("email"), eventId, quantity, channel);
    }
}
