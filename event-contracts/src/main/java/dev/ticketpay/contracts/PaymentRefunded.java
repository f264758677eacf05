package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/** Stripe refunded the buyer. */
public record PaymentRefunded(long ticketId, UUID orderId, String refundId, long amount, String currency,
        Instant refundedAt) implements TicketEvent {
}
