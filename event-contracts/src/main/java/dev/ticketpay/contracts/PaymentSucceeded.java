package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Stripe holds the buyer's money for this ticket. {@code paymentReference} is the Checkout Session or
 * PaymentIntent that was paid; it is what a refund would name.
 */
public record PaymentSucceeded(long ticketId, UUID orderId, String paymentReference, String paymentIntentId,
        long amount, String currency, Instant succeededAt) implements TicketEvent {
}
