package dev.ticketpay.payment.webhook;

import dev.ticketpay.web.ApiException;

import org.springframework.http.HttpStatus;

/** The body was not signed by Stripe with our webhook secret, or the signature is older than the tolerance. */
final class WebhookSignatureInvalid extends ApiException {

    WebhookSignatureInvalid() {
        super(HttpStatus.BAD_REQUEST, "Invalid webhook signature");
    }
}
