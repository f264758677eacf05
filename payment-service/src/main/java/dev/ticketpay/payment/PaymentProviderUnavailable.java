package dev.ticketpay.payment;

/** Stripe could not be reached, or kept failing, for a request a buyer is waiting on; the buyer may retry. */
public final class PaymentProviderUnavailable extends RuntimeException {

    public PaymentProviderUnavailable() {
        super("The payment provider could not be reached; try again.", null, false, false);
    }
}
