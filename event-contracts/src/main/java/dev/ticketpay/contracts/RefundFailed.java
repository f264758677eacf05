package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Stripe refused for good a refund we asked for (a RefundRequested): the money is still with us and someone must
 * look at it. {@code reason} is Stripe's error code, {@code message} its explanation.
 */
public record RefundFailed(long ticketId, UUID orderId, String paymentReference, String reason, String message,
        Instant failedAt) implements TicketEvent {
}
