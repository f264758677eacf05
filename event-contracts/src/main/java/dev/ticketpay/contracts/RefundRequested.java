package dev.ticketpay.contracts;

import java.util.UUID;

/**
 * A payment arrived for a ticket that could no longer be issued (seats gone after cancel or expiry):
 * the money identified by {@code paymentReference} (a Checkout Session or PaymentIntent id) goes back.
 */
public record RefundRequested(long ticketId, UUID orderId, String paymentReference, long amount, String currency,
        String reason) implements TicketEvent {
}
