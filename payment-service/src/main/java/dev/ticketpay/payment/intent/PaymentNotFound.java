package dev.ticketpay.payment.intent;

import java.util.UUID;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

final class PaymentNotFound extends ApiException {

    PaymentNotFound(UUID paymentId) {
        super(HttpStatus.NOT_FOUND, "Payment " + paymentId + " not found.", "payment_id");
    }
}
