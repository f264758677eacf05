package dev.ticketpay.ticket.reservation;

/** payment-service refused to reconcile the session for this caller: it is another user's. */
public final class PaymentSessionNotYours extends RuntimeException {

    PaymentSessionNotYours() {
        super("You do not have permission to perform this action.", null, false, false);
    }
}
