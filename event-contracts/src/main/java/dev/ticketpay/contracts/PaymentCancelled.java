package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/** The Checkout Session was expired or the PaymentIntent cancelled at Stripe: it can no longer be paid. */
public record PaymentCancelled(long ticketId, UUID orderId, String paymentReference, Instant cancelledAt)
        implements TicketEvent {
}
