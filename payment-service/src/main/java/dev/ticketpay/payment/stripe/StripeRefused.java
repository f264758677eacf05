package dev.ticketpay.payment.stripe;

import com.stripe.exception.StripeException;

/** Stripe answered a 4xx: retrying the same request cannot help. {@link #code()} is Stripe's error code. */
public final class StripeRefused extends RuntimeException {

    private final String code;
    private final int status;

    StripeRefused(String call, StripeException cause) {
        super("Stripe refused " + call + ": " + cause.getMessage(), cause);
        this.code = cause.getCode() != null ? cause.getCode() : "stripe_error";
        this.status = cause.getStatusCode() == null ? 400 : cause.getStatusCode();
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Stripe's message, safe to pass on (it never contains keys). */
    public String stripeMessage() {
        var cause = (StripeException) getCause();
        return cause.getStripeError() != null && cause.getStripeError().getMessage() != null
                ? cause.getStripeError().getMessage() : cause.getMessage();
    }
}
