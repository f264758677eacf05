package dev.ticketpay.sandbox.stripe.internal;

/** A refund's {@code status}: the sandbox settles refunds at once, so every refund it makes has succeeded. */
enum RefundStatus implements WireValue {
    SUCCEEDED
}
