package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/** The ticket is paid (or free) and valid: its QR code can be issued. */
public record TicketConfirmed(long ticketId, UUID orderId, String ticketCode, long eventId, String userId,
        int quantity, long amount, String currency, Instant confirmedAt) implements TicketEvent {
}
