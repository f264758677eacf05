package dev.ticketpay.payment.checkout;

/** The checkout session is for another user's ticket, and the caller is no admin. */
public final class NotYourSession extends RuntimeException {

    NotYourSession() {
        super("You do not have permission to perform this action.", null, false, false);
    }
}
