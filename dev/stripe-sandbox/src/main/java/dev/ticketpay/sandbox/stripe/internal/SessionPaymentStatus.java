package dev.ticketpay.sandbox.stripe.internal;

/** A Checkout Session's {@code payment_status}; a delayed payment completes the session while still unpaid. */
enum SessionPaymentStatus implements WireValue {
    UNPAID,
    PAID
}
