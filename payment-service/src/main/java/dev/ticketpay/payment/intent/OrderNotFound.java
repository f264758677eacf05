package dev.ticketpay.payment.intent;

import java.util.UUID;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** Neither this service nor ticket-service knows the order. */
final class OrderNotFound extends ApiException {

    OrderNotFound(UUID orderId) {
        super(HttpStatus.NOT_FOUND, "Order " + orderId + " not found.", "order_id");
    }
}
