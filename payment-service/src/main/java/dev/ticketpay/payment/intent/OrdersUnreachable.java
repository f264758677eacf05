package dev.ticketpay.payment.intent;

/** ticket-service, which holds the orders, could not be asked right now. */
public final class OrdersUnreachable extends RuntimeException {

    OrdersUnreachable() {
        super("Orders cannot be looked up right now; try again.", null, false, false);
    }
}
