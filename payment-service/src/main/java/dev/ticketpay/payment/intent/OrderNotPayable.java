package dev.ticketpay.payment.intent;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** The order exists but cannot be paid through a PaymentIntent now; the message says why. */
final class OrderNotPayable extends ApiException {

    OrderNotPayable(String why) {
        super(HttpStatus.BAD_REQUEST, why, "order_id");
    }
}
