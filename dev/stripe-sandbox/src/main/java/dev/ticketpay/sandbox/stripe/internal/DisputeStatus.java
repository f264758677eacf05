package dev.ticketpay.sandbox.stripe.internal;

/** A dispute's {@code status}: open while it {@code needs_response}, closed once the bank decides. */
enum DisputeStatus implements WireValue {
    NEEDS_RESPONSE,
    WON,
    LOST;

    boolean closed() {
        return this != NEEDS_RESPONSE;
    }
}
