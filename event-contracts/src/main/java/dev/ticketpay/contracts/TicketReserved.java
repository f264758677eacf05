package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Seats were taken for a paid ticket that now waits for payment until {@code expiresAt}.
 * {@code amount} is in the currency's minor unit (yen for jpy, cents for usd). {@code channel} says how the
 * buyer pays: {@link #CHECKOUT} (classic API: payment-service opens a Stripe Checkout Session at once) or
 * {@link #PAYMENT_INTENT} (payments API v1: the client asks for a PaymentIntent). {@code email} may be null.
 */
public record TicketReserved(long ticketId, UUID orderId, String ticketCode, long eventId, String eventName,
        String userId, String email, int quantity, long amount, String currency, Instant expiresAt, String channel)
        implements TicketEvent {

    public static final String CHECKOUT = "checkout";
    public static final String PAYMENT_INTENT = "payment_intent";

    public boolean paysByCheckout() {
        return !PAYMENT_INTENT.equals(channel);
    }
}
