package dev.ticketpay.payment.intent;

/** The order exists but cannot be paid through a PaymentIntent now; the message says why. */
public final class OrderNotPayable extends RuntimeException {

    OrderNotPayable(String why) {
        super(why, null, false, false);
    }
}
