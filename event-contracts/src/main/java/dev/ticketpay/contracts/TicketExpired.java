package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/** A reservation was not paid within its hold; its seats are back on sale and it must not be paid any more. */
public record TicketExpired(long ticketId, UUID orderId, Instant expiredAt) implements TicketEvent {
}
