package dev.ticketpay.payment.webhook;

/** A webhook signed by Stripe that is no Stripe event (unreadable, or without id or type): nothing to store. */
public final class WebhookPayloadInvalid extends RuntimeException {

    WebhookPayloadInvalid() {
        super("Invalid webhook payload", null, false, false);
    }
}
