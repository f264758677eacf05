package dev.ticketpay.payment.stripe;

/** Stripe could not be reached, or kept answering 5xx/429/409, after every retry. */
public final class StripeUnavailable extends RuntimeException {

    StripeUnavailable(String call, Throwable cause) {
        super("Stripe unavailable for " + call + ": " + cause.getMessage(), cause);
    }
}
