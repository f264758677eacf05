package dev.ticketpay.payment.webhook;

/** The body was not signed by Stripe with our webhook secret, or the signature is older than the tolerance. */
public final class WebhookSignatureInvalid extends RuntimeException {

    WebhookSignatureInvalid() {
        super("Invalid webhook signature", null, false, false);
    }
}
