package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispute (PaymentDisputed) was decided: {@code won} keeps the money with us and the ticket is valid again;
 * {@code lost} gives it to the buyer, like a refund.
 */
public record PaymentDisputeClosed(long ticketId, UUID orderId, String disputeId, String status, long amount,
        String currency, Instant closedAt) implements TicketEvent {

    public static final String WON = "won";
    public static final String LOST = "lost";

    public boolean won() {
        return WON.equals(status);
    }
}
