package dev.ticketpay.ticket.reservation;

/** payment-service knows no checkout session by this id. */
public final class PaymentSessionUnknown extends RuntimeException {

    PaymentSessionUnknown(String sessionId) {
        super("Payment session " + sessionId + " not found.", null, false, false);
    }
}
