package dev.ticketpay.ticket.reservation;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.ticket.catalog.Event;

/**
 * A purchase of {@code quantity} seats of one event by one user. {@code id} is the public ticket id of the
 * classic API, {@code orderId} the order id of the payments API v1; {@code code} is what the QR carries.
 */
public record Ticket(long id, UUID orderId, UUID code, long eventId, String eventName, String userId, String email,
        int quantity, long amount, String currency, TicketStatus status, Instant expiresAt, String qrPayload,
        String qrCodeData, String checkoutSessionId, String checkoutUrl, String failureReason) {

    /** A new ticket for seats just taken; free events are paid at once, others wait for payment. */
    static Ticket open(Event event, String userId, String email, int quantity, Instant expiresAt) {
        TicketStatus status = event.isFree() ? TicketStatus.PAID : TicketStatus.RESERVED;
        return new Ticket(0, UUID.randomUUID(), UUID.randomUUID(), event.id(), event.name(), userId, email, quantity,
                event.priceOf(quantity), event.currency(), status, event.isFree() ? null : expiresAt, null, null, null,
                null, null);
    }

    Ticket withId(long newId) {
        return new Ticket(newId, orderId, code, eventId, eventName, userId, email, quantity, amount, currency, status,
                expiresAt, qrPayload, qrCodeData, checkoutSessionId, checkoutUrl, failureReason);
    }

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    TicketConfirmed confirmed(Instant at) {
        return new TicketConfirmed(id, orderId, code.toString(), eventId, userId, quantity, amount, currency, at);
    }

    TicketReserved reserved() {
        return new TicketReserved(id, orderId, code.toString(), eventId, eventName, userId, email, quantity, amount,
                currency, expiresAt);
    }
}
