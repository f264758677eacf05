package dev.ticketpay.sandbox.stripe.internal;

/** A charge's {@code status}: the sandbox settles a card at once, so never {@code pending}. */
enum ChargeStatus implements WireValue {
    SUCCEEDED,
    FAILED
}
