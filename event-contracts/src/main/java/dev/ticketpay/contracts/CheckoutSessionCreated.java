package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/** A Stripe Checkout Session now waits for the buyer at {@code checkoutUrl}. */
public record CheckoutSessionCreated(long ticketId, UUID orderId, String sessionId, String checkoutUrl,
        Instant expiresAt) implements TicketEvent {
}
