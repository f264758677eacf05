package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Seats were taken for a paid ticket that now waits for payment until {@code expiresAt}.
 * {@code amount} is in the currency's minor unit (yen for jpy, cents for usd).
 */
public record TicketReserved(long ticketId, UUID orderId, String ticketCode, long eventId, String eventName,
        String userId, String email, int quantity, long amount, String currency, Instant expiresAt)
        implements TicketEvent {
}
