package dev.ticketpay.ticket.reservation;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.ticket.catalog.Event;

/**
 * A purchase of {@code quantity} seats of one event by one user. {@code id} is the public ticket id of the
 * classic API, {@code orderId} the order id of the payments API v1; {@code code} is what the QR carries.
 */
public record Ticket(long id, UUID orderId, UUID code, long eventId, String eventName, String userId, String email,
        int quantity, long amount, String currency, TicketStatus status, Instant expiresAt, String qrPayload,
        String qrCodeData, String checkoutSessionId, String checkoutUrl, String failureReason, String channel) {

    /** A new ticket for seats just taken; free events are paid at once, others wait for payment. */
    static Ticket open(Event event, String userId, String email, int quantity, Instant expiresAt, String channel) {
        TicketStatus status = event.isFree() ? TicketStatus.PAID : TicketStatus.RESERVED;
        return new Ticket(0, UUID.randomUUID(), UUID.randomUUID(), event.id(), event.name(), userId, email, quantity,
                event.priceOf(quantity), event.currency(), status, event.isFree() ? null : expiresAt, null, null, null,
                null, null, channel);
    }

    Ticket withId(long newId) {
        return new Ticket(newId, orderId, code, eventId, eventName, userId, email, quantity, amount, currency, status,
                expiresAt, qrPayload, qrCodeData, checkoutSessionId, checkoutUrl, failureReason, channel);
    }

    /** The buyer gave up before paying. */
    Ticket cancel() {
        require(TicketStatus.RESERVED, "cancelled");
        return with(TicketStatus.CANCELLED, failureReason);
    }

    /** The hold ran out before payment. */
    Ticket expire() {
        require(TicketStatus.RESERVED, "expired");
        return with(TicketStatus.EXPIRED, failureReason);
    }

    /** Stripe took the money for a reservation that still held its seats. */
    Ticket confirmPayment() {
        require(TicketStatus.RESERVED, "confirmed");
        return with(TicketStatus.PAID, null);
    }

    /** A payment that arrived after cancel or expiry, for seats that could be taken again. */
    Ticket reinstate() {
        if (status != TicketStatus.CANCELLED && status != TicketStatus.EXPIRED) {
            throw new WrongTicketState(id, status, "reinstated");
        }
        return with(TicketStatus.PAID, null);
    }

    /** The money went back to the buyer. */
    Ticket refund() {
        if (status == TicketStatus.RESERVED || status == TicketStatus.REFUNDED) {
            throw new WrongTicketState(id, status, "refunded");
        }
        return with(TicketStatus.REFUNDED, failureReason);
    }

    /** The buyer's bank disputes the payment: the ticket admits nobody until the dispute is closed. */
    Ticket dispute() {
        require(TicketStatus.PAID, "disputed");
        return with(TicketStatus.DISPUTED, failureReason);
    }

    /** The dispute was decided: won, the ticket is paid again; lost, the money went back as in a refund. */
    Ticket closeDispute(boolean won) {
        require(TicketStatus.DISPUTED, won ? "reinstated after its dispute" : "refunded after its dispute");
        return with(won ? TicketStatus.PAID : TicketStatus.REFUNDED, failureReason);
    }

    /** The payment attempt failed for good: the reservation ends (expired when Stripe's session expired). */
    Ticket failPayment(String reason) {
        require(TicketStatus.RESERVED, "released");
        return with("expired".equals(reason) ? TicketStatus.EXPIRED : TicketStatus.CANCELLED, reason);
    }

    /** A failed attempt the buyer may retry (a declined card): only remembered. */
    Ticket noteFailedAttempt(String reason) {
        return with(status, reason);
    }

    Ticket attachCheckout(String sessionId, String url) {
        return new Ticket(id, orderId, code, eventId, eventName, userId, email, quantity, amount, currency, status,
                expiresAt, qrPayload, qrCodeData, sessionId, url, failureReason, channel);
    }

    public boolean isSettled() {
        return status != TicketStatus.RESERVED;
    }

    private void require(TicketStatus expected, String action) {
        if (status != expected) {
            throw new WrongTicketState(id, status, action);
        }
    }

    private Ticket with(TicketStatus newStatus, String reason) {
        return new Ticket(id, orderId, code, eventId, eventName, userId, email, quantity, amount, currency,
                newStatus, expiresAt, qrPayload, qrCodeData, checkoutSessionId, checkoutUrl, reason, channel);
    }

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    TicketConfirmed confirmed(Instant at) {
        return new TicketConfirmed(id, orderId, code.toString(), eventId, userId, quantity, amount, currency, at);
    }

    TicketCancelled cancelled(Instant at) {
        return new TicketCancelled(id, orderId, userId, at);
    }

    TicketExpired expired(Instant at) {
        return new TicketExpired(id, orderId, at);
    }

    RefundRequested refundRequested(String paymentReference, String reason) {
        return new RefundRequested(id, orderId, paymentReference, amount, currency, reason);
    }

    TicketReserved reserved() {
        return new TicketReserved(id, orderId, code.toString(), eventId, eventName, userId, email, quantity, amount,
                currency, expiresAt, channel);
    }
}
