package dev.ticketpay.ticket.reservation.web;

import dev.ticketpay.ticket.InvalidRequest;

/** {@code {"ticket_id"}} of cancel, and {@code {"session_id", "ticket_id"}} of verify. */
record TicketRequest(String sessionId, Long ticketId) {

    long requireTicketId() {
        if (ticketId == null) {
            throw new InvalidRequest("ticket_id", "ticket_id is required.");
        }
        if (ticketId < 1) {
            throw new InvalidRequest("ticket_id", "ticket_id must be a positive integer.");
        }
        return ticketId;
    }

    String requireSessionId() {
        if (sessionId == null || sessionId.isBlank()) {
            throw new InvalidRequest("session_id", "session_id is required.");
        }
        if (sessionId.length() > 255) {
            throw new InvalidRequest("session_id", "session_id is too long.");
        }
        return sessionId;
    }
}
