package dev.ticketpay.ticket.reservation;

import java.time.Duration;

/**
 * A paid purchase whose checkout session did not come in time, typically because session creation is queued under
 * Stripe's rate limits while many buy at once. The reservation stands and its seats stay held; the session comes
 * when its turn does. The request is sound and the payment provider busy: the same request with the same
 * {@code Idempotency-Key} answers this ticket's checkout URL once it is there, after {@link #retryAfter()}.
 */
public class CheckoutQueued extends RuntimeException {

    private final Duration retryAfter;

    CheckoutQueued(long ticketId, Duration retryAfter) {
        super("Ticket " + ticketId + " is reserved and its seats are held, but the "
                + "payment provider is busy and its checkout is still queued. Try again in "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " seconds with the same Idempotency-Key to "
                + "get its checkout URL.", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When the checkout is likely there: the buyer may ask again then. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
