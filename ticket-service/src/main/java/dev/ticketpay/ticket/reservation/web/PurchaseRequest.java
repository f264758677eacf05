package dev.ticketpay.ticket.reservation.web;

import dev.ticketpay.ticket.InvalidRequest;

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
}
