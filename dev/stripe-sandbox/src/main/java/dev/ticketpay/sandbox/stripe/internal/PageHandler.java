package dev.ticketpay.sandbox.stripe.internal;

/** Serves the hosted checkout page ({@code /checkout/…}); kept apart from the JSON API. */
public interface PageHandler {

    /** Answers a request under {@code /checkout/}; {@code form} holds the query and form body. */
    Reply handle(String method, String path, Params form);
}
