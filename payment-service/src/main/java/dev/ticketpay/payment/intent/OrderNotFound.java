package dev.ticketpay.payment.intent;

import java.util.UUID;

/** Neither this service nor ticket-service knows the order. */
public final class OrderNotFound extends RuntimeException {

    OrderNotFound(UUID orderId) {
        super("Order " + orderId + " not found.", null, false, false);
    }
}
