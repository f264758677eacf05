package dev.ticketpay.payment.checkout;

/** No checkout session by this id, here or at Stripe. */
public final class SessionNotFound extends RuntimeException {

    private SessionNotFound(String message) {
        super(message, null, false, false);
    }

    static SessionNotFound here(String sessionId) {
        return new SessionNotFound("No checkout session " + sessionId + ".");
    }

    static SessionNotFound atStripe(String sessionId) {
        return new SessionNotFound("No checkout session " + sessionId + " at the payment provider.");
    }
}
