package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/** The buyer cancelled an unpaid reservation; its seats are back on sale and it must not be paid any more. */
public record TicketCancelled(long ticketId, UUID orderId, String userId, Instant cancelledAt)
        implements TicketEvent {
}
