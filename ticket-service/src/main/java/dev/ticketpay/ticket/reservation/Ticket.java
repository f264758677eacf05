package dev.ticketpay.ticket.reservation;

import java.time.Instant;
import java.util.UUID;

import dev.ticketpay.contracts.RefundRequested;
import dev.ticketpay.contracts.TicketCancelled;
import dev.ticketpay.contracts.TicketConfirmed;
import dev.ticketpay.contracts.TicketExpired;
import dev.ticketpay.contracts.TicketReserved;
import dev.ticketpay.ticket.catalog.Show;

/**
 * A ticket: {@code id} is the public ticket id of the classic API, {@code code} what the QR carries, and
 * {@code status} where it is in its life (with {@code expiresAt}, the end of an unpaid hold, and the last payment
 * failure). What was bought, by whom and for how much is its {@link Purchase}; the Stripe Checkout it is paid at,
 * once there is one, its {@link CheckoutLink}; the QR code qr-service issued, once it did, its {@link QrCode}.
 */
public record Ticket(long id, UUID code, TicketStatus status, Instant expiresAt, String failureReason,
        Purchase purchase, CheckoutLink checkout, QrCode qrCode) {

    /**
     * What was bought: {@code quantity} seats of one show by one user, for {@code amount} minor units.
     * {@code orderId} is the order id of the payments API v1; {@code channel} says how it is paid (Stripe
     * Checkout, or a PaymentIntent the client asks for).
     */
    public record Purchase(UUID orderId, long eventId, String eventName, String userId, String email, int quantity,
            long amount, String currency, String channel) {
    }

    /** The Stripe Checkout Session the buyer pays at. */
    public record CheckoutLink(String sessionId, String url) {
    }

    /** The signed QR code: {@code payload} is what it encodes, {@code pngBase64} the image the buyer shows. */
    public record QrCode(String payload, String pngBase64) {
    }

    /** A new ticket for seats just taken; free shows are paid at once, others wait for payment. */
    static Ticket open(Show show, String userId, String email, int quantity, Instant expiresAt, String channel) {
        TicketStatus status = show.isFree() ? TicketStatus.PAID : TicketStatus.RESERVED;
        var purchase = new Purchase(UUID.randomUUID(), show.id(), show.name(), userId, email, quantity,
                show.priceOf(quantity), show.currency(), channel);
        return new Ticket(0, UUID.randomUUID(), status, show.isFree() ? null : expiresAt, null, purchase, null, null);
    }

    Ticket withId(long newId) {
        return new Ticket(newId, code, status, expiresAt, failureReason, purchase, checkout, qrCode);
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
        return new Ticket(id, code, status, expiresAt, failureReason, purchase, new CheckoutLink(sessionId, url),
                qrCode);
    }

    public boolean isSettled() {
        return status != TicketStatus.RESERVED;
    }

    /** qr-service issued its QR code (a paid ticket's answer waits for it). */
    public boolean hasQrCode() {
        return qrCode != null;
    }

    /** Its Stripe Checkout is open (a paid purchase's answer waits for it). */
    public boolean hasCheckout() {
        return checkout != null;
    }

    public boolean isOwnedBy(String user) {
        return purchase.userId().equals(user);
    }

    private void require(TicketStatus expected, String action) {
        if (status != expected) {
            throw new WrongTicketState(id, status, action);
        }
    }

    private Ticket with(TicketStatus newStatus, String reason) {
        return new Ticket(id, code, newStatus, expiresAt, reason, purchase, checkout, qrCode);
    }

    TicketConfirmed confirmed(Instant at) {
        return new TicketConfirmed(id, purchase.orderId(), code.toString(), purchase.eventId(), purchase.userId(),
                purchase.quantity(), purchase.amount(), purchase.currency(), at);
    }

    TicketCancelled cancelled(Instant at) {
        return new TicketCancelled(id, purchase.orderId(), purchase.userId(), at);
    }

    TicketExpired expired(Instant at) {
        return new TicketExpired(id, purchase.orderId(), at);
    }

    RefundRequested refundRequested(String paymentReference, String reason) {
        return new RefundRequested(id, purchase.orderId(), paymentReference, purchase.amount(), purchase.currency(),
                reason);
    }

    TicketReserved reserved() {
        return new TicketReserved(id, purchase.orderId(), code.toString(), purchase.eventId(), purchase.eventName(),
                purchase.userId(), purchase.email(), purchase.quantity(), purchase.amount(), purchase.currency(),
                expiresAt, purchase.channel());
    }
}
