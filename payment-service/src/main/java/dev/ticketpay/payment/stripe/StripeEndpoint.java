package dev.ticketpay.payment.stripe;

/**
 * The Stripe API operations this service calls. Stripe counts each named operation as an endpoint of its own
 * ({@code POST /v1/payment_intents} and {@code GET /v1/payment_intents/{id}} are two; every id shares one), and
 * limits each endpoint's rate besides the account's overall rate, so the limiter queues calls by this.
 */
public enum StripeEndpoint {
    CREATE_CHECKOUT_SESSION("POST /v1/checkout/sessions"),
    RETRIEVE_CHECKOUT_SESSION("GET /v1/checkout/sessions/{id}"),
    EXPIRE_CHECKOUT_SESSION("POST /v1/checkout/sessions/{id}/expire"),
    CREATE_PAYMENT_INTENT("POST /v1/payment_intents"),
    RETRIEVE_PAYMENT_INTENT("GET /v1/payment_intents/{id}"),
    CANCEL_PAYMENT_INTENT("POST /v1/payment_intents/{id}/cancel"),
    CREATE_REFUND("POST /v1/refunds"),
    LIST_REFUNDS("GET /v1/refunds"),
    LIST_CHARGES("GET /v1/charges"),
    RETRIEVE_CHARGE("GET /v1/charges/{id}"),
    LIST_EVENTS("GET /v1/events");

    private final String operation;

    StripeEndpoint(String operation) {
        this.operation = operation;
    }

    @Override
    public String toString() {
        return operation;
    }
}
