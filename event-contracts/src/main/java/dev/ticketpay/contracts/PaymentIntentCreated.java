package dev.ticketpay.contracts;

import java.util.UUID;

/** A Stripe PaymentIntent was created for an order (payments API v1). */
public record PaymentIntentCreated(long ticketId, UUID orderId, UUID paymentId, String paymentIntentId,
        long amount, String currency) implements TicketEvent {
}
