package dev.ticketpay.ticket.reservation;

/** payment-service could not be asked about a payment right now (down, slow or failing); the buyer may retry. */
public final class PaymentUnverifiable extends RuntimeException {

    PaymentUnverifiable() {
        super("The payment could not be verified right now; try again shortly.", null, false, false);
    }
}
