package dev.ticketpay.payment.intent;

import java.util.UUID;

/** Neither this service nor ticket-service knows the order. */
public final class OrderNotFound extends RuntimeException {

    private final UUID orderId;

    OrderNotFound(UUID orderId) {
        super("Order " + orderId + " not found.", null, false, false);
        this.orderId = orderId;
    }

    public UUID orderId() {
        return orderId;
    }
}
