package dev.ticketpay.payment.intent;

import java.time.Duration;

import dev.ticketpay.web.ApiException;

/** The buyer's turn under Stripe's rate limits is further away than they should wait; the order stays held. */
public final class StripeBusyForOrder extends RuntimeException {

    private final Duration retryAfter;

    StripeBusyForOrder(Duration retryAfter) {
        super(message(ApiException.seconds(retryAfter)), null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When to try again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** In the whole seconds that the {@code Retry-After} header of the answer says too. */
    private static String message(long seconds) {
        return "The payment provider is busy; the order is still held for you. Try again in " + seconds
                + (seconds == 1 ? " second." : " seconds.");
    }
}
