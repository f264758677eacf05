package dev.ticketpay.payment.stripe;

import java.time.Duration;

/**
 * A call that would have waited for its turn at Stripe longer than its caller may wait (the rate limit's queue,
 * or Stripe answering 429): nothing was sent. {@link #retryAfter()} is about when the turn would have come.
 */
public final class StripeBusy extends RuntimeException {

    private final Duration retryAfter;

    StripeBusy(StripeEndpoint endpoint, Duration retryAfter) {
        super("Stripe's rate for " + endpoint + " is used up for the next " + retryAfter.toMillis() + " ms", null,
                false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
