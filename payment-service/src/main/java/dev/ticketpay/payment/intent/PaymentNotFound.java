package dev.ticketpay.payment.intent;

import java.util.UUID;

/** No payment has this id. */
public final class PaymentNotFound extends RuntimeException {

    PaymentNotFound(UUID paymentId) {
        super("Payment " + paymentId + " not found.", null, false, false);
    }
}
