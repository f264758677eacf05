package dev.ticketpay.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment attempt failed. {@code releasesReservation} says whether the attempt is over for good
 * (Stripe unreachable, session expired) so the seats go back, or the buyer may still retry (a declined card).
 */
public record PaymentFailed(long ticketId, UUID orderId, String paymentReference, String reason, String message,
        boolean releasesReservation, Instant failedAt) implements TicketEvent {

    public static final String STRIPE_UNAVAILABLE = "stripe_unavailable";
    public static final String EXPIRED = "expired";
    public static final String DECLINED = "declined";
}
